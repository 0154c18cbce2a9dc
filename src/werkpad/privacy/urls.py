from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("requests/", views.queue, name="queue"),
    path("requests/<uuid:public_id>/", views.request_detail, name="request"),
    path("retention/", views.retention, name="retention"),
    path("reports/", views.published, name="reports"),
    path("reports/<uuid:public_id>.json", views.published_payload, name="report_payload"),
]
