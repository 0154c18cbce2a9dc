from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("startbanen/", views.startbanen, name="startbanen"),
]
