"""``werkpad makemessages`` without fuzzy matching.

gettext's default guesses a translation for a new string from a similar old one and marks it
fuzzy; fuzzy entries are not used at run time and the guess is usually wrong ("Not found" became
"gevonden via"). New strings should stay empty until someone translates them, so that the
catalogue check (scripts/check-messages.sh) reports them.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
