from django.urls import path

from werkpad.privacy import views as privacy_views

from . import appointments, views

app_name = "portal"

urlpatterns = [
    path("", views.consent, name="home"),
    path("consent/", views.consent, name="consent"),
    path("plan/", views.plan, name="plan"),
    path("plan/print.pdf", views.plan_pdf, name="plan_pdf"),
    path("appointments/", appointments.appointments, name="appointments"),
    path("my-data/", privacy_views.my_data, name="my_data"),
    path("my-data/my-data.json", privacy_views.my_data_json, name="my_data_json"),
    path("my-data/read/", privacy_views.my_data_page, name="my_data_page"),
    path("my-data/my-data.pdf", privacy_views.my_data_pdf, name="my_data_pdf"),
]
