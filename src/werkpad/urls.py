from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from werkpad.accounts import views as account_views

admin.site.site_header = "Werkpad"
admin.site.site_title = "Werkpad"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("werkpad.accounts.urls")),
    path("participants/", include("werkpad.participants.urls")),
    path("audit/", include("werkpad.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:  # pragma: no cover
    pass
