from django.urls import path

from . import appointments, views

app_name = "portal"

urlpatterns = [
    path("", views.consent, name="home"),
    path("consent/", views.consent, name="consent"),
    path("plan/", views.plan, name="plan"),
    path("plan/print.pdf", views.plan_pdf, name="plan_pdf"),
    path("appointments/", appointments.appointments, name="appointments"),
]
