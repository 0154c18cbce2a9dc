from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.consent, name="home"),
    path("consent/", views.consent, name="consent"),
]
