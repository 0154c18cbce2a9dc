from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from werkpad.privacy import views as privacy_views

from . import appointments, coach_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("plan/confirm/", views.confirm_plan, name="confirm"),
    path("plan/step/", views.add_step, name="add_step"),
    path("plan/step/<str:key>/done/", views.step_done, name="step_done"),
    path("plan/comment/", views.comment, name="comment"),
    path("plan/version/<int:number>/", views.plan_version, name="plan_version"),
    path("plan/print.pdf", views.plan_pdf, name="plan_pdf"),
    path("appointments/", appointments.appointments, name="appointments"),
    path("my-data/", privacy_views.my_data, name="my_data"),
    path("my-data/my-data.json", privacy_views.my_data_json, name="my_data_json"),
    path("my-data/read/", privacy_views.my_data_page, name="my_data_page"),
    path("my-data/my-data.pdf", privacy_views.my_data_pdf, name="my_data_pdf"),
    path("documents/", views.documents, name="documents"),
    path("may-i-work/", views.may_i_work, name="may_i_work"),
    path("what-do-i-keep/", views.calculator, name="calculator"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("vacancies/opt-in/", views.vacancies_opt_in, name="vacancies_opt_in"),
    path("vacancies/<str:vacancy_id>/interest/", views.interest, name="interest"),
    path("permissions/", views.permissions, name="permissions"),
    path("permissions/change/", views.permission_change, name="permission_change"),
    path("consent/", views.consent, name="consent"),
    path("contact/", views.contact, name="contact"),
    path("preferences/", views.preferences, name="preferences"),
    path("welcome/<str:token>/", views.invitation, name="invitation"),
    # Password reset by e-mail, for newcomers with an address (otherwise: a new invitation from
    # the coach). Django's views; the e-mail holds a one-time link.
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="portal/password_reset.html",
            email_template_name="portal/password_reset_email.txt",
            subject_template_name="portal/password_reset_subject.txt",
            success_url=reverse_lazy("portal:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="portal/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="portal/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:login"),
        ),
        name="password_reset_confirm",
    ),
    # The coach's side.
    path("coach/<uuid:public_id>/messages/", coach_views.thread, name="coach_thread"),
    path("coach/<uuid:public_id>/invite/", coach_views.invite, name="coach_invite"),
]
