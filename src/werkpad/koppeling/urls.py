from django.urls import path

from . import views

app_name = "koppeling"

urlpatterns = [
    path("", views.home, name="home"),
    path("households/new/", views.household_new, name="household_new"),
    path("households/<uuid:public_id>/", views.household, name="household"),
    path("evidence/<uuid:public_id>/", views.evidence, name="evidence"),
    path("runs/<uuid:public_id>/", views.run, name="run"),
    path("runs/<uuid:public_id>/fairness/", views.fairness, name="fairness"),
    path("fairness/", views.fairness_runs, name="fairness_runs"),
    path("proposals/<uuid:public_id>/", views.proposal, name="proposal"),
    path("mine/", views.portal_proposal, name="portal_proposal"),
]
