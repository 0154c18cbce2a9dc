from django.conf import settings
from django.urls import path, register_converter

from . import views


class LanguageConverter:
    """A portal language code in the path: the page's language comes from its address, so that
    a public cache can keep one copy per language and no cookie is needed."""

    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")

app_name = "guides"

urlpatterns = [
    path("", views.start, name="start"),
    path("<lang:lang>/", views.index, name="index"),
    path("<lang:lang>/may-i-work/", views.may_i_work, name="may_i_work"),
    path("<lang:lang>/hiring/", views.hiring, name="hiring"),
    path("<lang:lang>/hiring/checklist/", views.checklist, name="checklist"),
]
