from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("intake/", views.intake_start, name="intake_start"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/history/", views.history, name="history"),
    path("<uuid:public_id>/edit/<slug:section>/", views.edit_section, name="edit_section"),
    path("<uuid:public_id>/intake/", views.intake_resume, name="intake_resume"),
    path("<uuid:public_id>/intake/<slug:step>/", views.intake_step, name="intake_step"),
    path("<uuid:public_id>/rows/<slug:kind>/add/", views.row_add, name="row_add"),
    path("<uuid:public_id>/rows/<slug:kind>/<int:row_id>/", views.row_edit, name="row_edit"),
    path(
        "<uuid:public_id>/rows/<slug:kind>/<int:row_id>/remove/",
        views.row_remove,
        name="row_remove",
    ),
    path("<uuid:public_id>/status/", views.change_status, name="status"),
    path("<uuid:public_id>/consents/add/", views.consent_add, name="consent_add"),
    path(
        "<uuid:public_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<uuid:public_id>/coaches/link/", views.coach_link, name="coach_link"),
    path("<uuid:public_id>/coaches/<int:link_id>/unlink/", views.coach_unlink, name="coach_unlink"),
    path("<uuid:public_id>/coaches/regiehouder/", views.change_regiehouder, name="regiehouder"),
]
