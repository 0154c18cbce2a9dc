from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.portal_home, name="portal_home"),
    path("answer/<uuid:enrolment_id>/<str:moment>/", views.portal_answer, name="portal_answer"),
    path("answers/<uuid:response_id>/", views.portal_answers, name="portal_answers"),
    path("consent/", views.portal_consent, name="portal_consent"),
    path("file/<uuid:public_id>/", views.coach_file, name="coach_file"),
    path(
        "file/<uuid:public_id>/<uuid:enrolment_id>/<str:moment>/",
        views.coach_answer,
        name="coach_answer",
    ),
    path("results/", views.analyst_results, name="results"),
    path("results.csv", views.analyst_results_csv, name="results_csv"),
]
