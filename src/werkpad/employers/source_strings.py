"""Dutch for the sources that the TWV pages quote from the rule parameters.

The sources live in ``core/rules/data/parameters.toml`` (English, like every msgid); the TWV
tracker and the employer's checklist show them with ``{% translate %}``. Listing them here keeps
them in the catalogue. When a source text changes in the parameters file, change it here too (the
test ``test_twv_source_lines_are_dutch`` notices when they differ).
"""

from django.utils.translation import gettext_noop

TWV_SOURCES = (
    gettext_noop("[004] §2.2: legal decision term of the UWV, 5 weeks (Van den Braak et al. 2023)"),
    gettext_noop(
        "[004] §2.2: by UWV delays up to 9 weeks; [001] §3.3: 4 to 8 weeks before someone can start"
    ),
    gettext_noop("[004] §2.2: the employer applies for a TWV at the UWV; [001] §3.3"),
)
