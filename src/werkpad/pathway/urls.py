from django.urls import path

from . import care_views, views

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
    path("participants/<uuid:public_id>/plan/", views.plan, name="plan"),
    path("participants/<uuid:public_id>/plan/print.pdf", views.plan_pdf, name="plan_pdf"),
    path("participants/<uuid:public_id>/plan/goals/", views.plan_goals, name="plan_goals"),
    path("participants/<uuid:public_id>/plan/steps/new/", views.plan_step, name="plan_step_new"),
    path(
        "participants/<uuid:public_id>/plan/steps/<uuid:step_id>/",
        views.plan_step,
        name="plan_step",
    ),
    path("participants/<uuid:public_id>/plan/versions/", views.plan_version, name="plan_version"),
    path(
        "participants/<uuid:public_id>/plan/versions/<uuid:version_id>/confirm/",
        views.plan_confirm,
        name="plan_confirm",
    ),
    path(
        "participants/<uuid:public_id>/plan/from-suggestion/",
        views.plan_from_suggestion,
        name="plan_from_suggestion",
    ),
    path("export/<slug:what>.<slug:fmt>", views.export, name="export"),
    # A coach's day, contact moments, appointments, aftercare, the calendar feed (issue 13).
    path("day/", care_views.day, name="day"),
    path("day/location/", care_views.location, name="location"),
    path("participants/<uuid:public_id>/contacts/", care_views.contacts, name="contacts"),
    path(
        "participants/<uuid:public_id>/appointments/",
        care_views.appointments,
        name="appointments",
    ),
    path("aftercare/<uuid:check_in_id>/", care_views.check_in, name="check_in"),
    path("calendar/<str:token>.ics", care_views.feed, name="feed"),
]
