from django.urls import path

from wijkpunt.intake import views_public as views

app_name = "intake_public"

urlpatterns = [
    # Before the poster patterns: a signed link for reporters without an account.
    path("volg/<str:token>/", views.follow, name="follow"),
    path("volg/<str:token>/opgelost/", views.follow_feedback, name="follow_feedback"),
    path("<str:token>/", views.report, name="report"),
    path("<str:token>/bedankt/", views.thanks, name="thanks"),
    path("<str:token>/gevaar/", views.danger, name="danger"),
]
