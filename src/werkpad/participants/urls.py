from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/history/", views.history, name="history"),
    path("<uuid:public_id>/edit/<slug:section>/", views.edit_section, name="edit_section"),
]
