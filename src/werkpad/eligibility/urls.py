from django.urls import path

from . import views

app_name = "eligibility"

urlpatterns = [
    path("<uuid:public_id>/panel/", views.panel, name="panel"),
    path("<uuid:public_id>/vacancy/<int:vacancy_pk>/", views.vacancy, name="vacancy"),
]
