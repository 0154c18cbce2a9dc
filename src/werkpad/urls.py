from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from werkpad.accounts import views as account_views
from werkpad.api.api import api

admin.site.site_header = "Werkpad"
admin.site.site_title = "Werkpad"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("werkpad.accounts.urls")),
    path("participants/", include("werkpad.participants.urls")),
    path("audit/", include("werkpad.audit.urls")),
    path("employers/", include("werkpad.employers.urls")),
    path("eligibility/", include("werkpad.eligibility.urls")),
    path("matching/", include("werkpad.matching.urls")),
    path("portal/", include("werkpad.portal.urls")),
    path("monitoring/", include("werkpad.monitoring.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
