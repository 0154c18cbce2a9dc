from django.urls import path

from . import views

app_name = "handovers"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("reassign/", views.reassign, name="reassign"),
    path("mine/", views.portal, name="portal"),
    path("file/<uuid:public_id>/propose/", views.propose, name="propose"),
    path("file/<uuid:public_id>/links/<int:link_id>/", views.link_scope, name="link_scope"),
    path("export/<slug:section>.csv", views.export_section, name="export"),
    path("<uuid:handover_id>/", views.detail, name="detail"),
    path("<uuid:handover_id>/<slug:step>/", views.step, name="step"),
]
