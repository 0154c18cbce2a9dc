from django.contrib import admin
from django.http import HttpRequest
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from werkpad.accounts import views as account_views
from werkpad.accounts.models import Role
from werkpad.api.api import api

admin.site.site_header = "Werkpad"
admin.site.site_title = "Werkpad"


def _administrators_only(request: HttpRequest) -> bool:
    """The Django admin is for administrators: the role decides, not a stale ``is_staff`` flag
    (``User.save`` keeps them in step, but a bulk ``update()`` of the role bypasses it)."""
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "role", None) == Role.ADMIN)


admin.site.has_permission = _administrators_only  # type: ignore[method-assign]

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("werkpad.accounts.urls")),
    path("participants/", include("werkpad.participants.urls")),
    path("audit/", include("werkpad.audit.urls")),
    path("employers/", include("werkpad.employers.urls")),
    path("pathway/", include("werkpad.pathway.urls")),
    path("eligibility/", include("werkpad.eligibility.urls")),
    path("matching/", include("werkpad.matching.urls")),
    path("portal/", include("werkpad.portal.urls")),
    path("monitoring/", include("werkpad.monitoring.urls")),
    path("guides/", include("werkpad.guides.urls")),
    path("handovers/", include("werkpad.handovers.urls")),
    path("surveys/", include("werkpad.surveys.urls")),
    path("koppeling/", include("werkpad.koppeling.urls")),
    path("privacy/", include("werkpad.privacy.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
