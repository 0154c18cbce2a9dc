from django.urls import path

from . import exports, views

app_name = "monitoring"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("startbanen/", views.startbanen, name="startbanen"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("microdata/", exports.microdata, name="microdata"),
]
