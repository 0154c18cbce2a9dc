from django.urls import path

from . import views

app_name = "pathway"

urlpatterns = [
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_edit, name="programme_new"),
    path("programmes/<uuid:programme_id>/", views.programme_edit, name="programme_edit"),
    path("participants/<uuid:public_id>/timeline/", views.participant_timeline, name="timeline"),
    path("participants/<uuid:public_id>/enrol/", views.enrol, name="enrol"),
    path("enrolments/<uuid:enrolment_id>/status/", views.enrolment_status, name="status"),
    path(
        "enrolments/<uuid:enrolment_id>/voortraject/",
        views.pretrajectory_add,
        name="pretrajectory_add",
    ),
    path("enrolments/<uuid:enrolment_id>/work/", views.spell_add, name="spell_add"),
    path("export/<slug:what>.<slug:fmt>", views.export, name="export"),
]
