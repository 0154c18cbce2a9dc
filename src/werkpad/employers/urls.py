from django.urls import path

from . import portal_views, views

app_name = "employers"

urlpatterns = [
    # Coaches and account managers.
    path("", views.employer_list, name="employer_list"),
    path("new/", views.employer_edit, name="employer_new"),
    path("<int:pk>/", views.employer_detail, name="employer_detail"),
    path("<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("<int:pk>/locations/new/", views.location_edit, name="location_new"),
    path("<int:pk>/locations/<int:location_pk>/", views.location_edit, name="location_edit"),
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", views.vacancy_edit, name="vacancy_new"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/shortlist/", views.shortlist_add, name="shortlist_add"),
    path("shortlist/<uuid:ref>/status/", views.shortlist_status, name="shortlist_status"),
    path("twv/", views.twv_list, name="twv_list"),
    path("twv/new/", views.twv_new, name="twv_new"),
    path("twv/checklist/", views.checklist, name="twv_checklist"),
    path("twv/<uuid:ref>/", views.twv_detail, name="twv_detail"),
    path("twv/<uuid:ref>/<slug:step>/", views.twv_step, name="twv_step"),
    path("placements/new/<uuid:public_id>/", views.placement_new, name="placement_new"),
    path("placements/<uuid:ref>/", views.placement_detail, name="placement_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("contacts/<int:pk>/done/", views.contact_done, name="contact_done"),
    path("import/", views.import_view, name="import"),
    path("export/<slug:what>.<slug:fmt>", views.export_table, name="export"),
    # The employer portal (employer contacts).
    path("portal/", portal_views.home, name="portal_home"),
    path("portal/vacancies/new/", portal_views.vacancy_edit, name="portal_vacancy_new"),
    path("portal/vacancies/<int:pk>/", portal_views.vacancy_detail, name="portal_vacancy"),
    path("portal/vacancies/<int:pk>/edit/", portal_views.vacancy_edit, name="portal_vacancy_edit"),
    path(
        "portal/vacancies/<int:pk>/candidates/<str:ref>/respond/",
        portal_views.respond,
        name="portal_respond",
    ),
    path("portal/twv/", portal_views.twv_list, name="portal_twv"),
    path("portal/contact/", portal_views.request_contact, name="portal_contact"),
]
