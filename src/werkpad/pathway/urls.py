from django.urls import path

from . import views

app_name = "pathway"

urlpatterns = [
    path("programmes/", views.programme_list, name="programmes"),
    path("participants/<uuid:public_id>/timeline/", views.participant_timeline, name="timeline"),
]
