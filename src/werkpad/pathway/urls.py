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
]
