from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("occupations/search", views.occupation_search, name="occupation_search"),
    path(
        "participants/<uuid:public_id>/vacancies/",
        views.participant_suggestions,
        name="participant_suggestions",
    ),
    path(
        "participants/<uuid:public_id>/skills/",
        views.participant_skills,
        name="participant_skills",
    ),
    path("vacancies/<int:pk>/candidates/", views.vacancy_candidates, name="vacancy_candidates"),
    path("decisions/", views.decide, name="decide"),
    path("fairness/", views.fairness_page, name="fairness"),
]
