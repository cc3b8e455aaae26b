from django.urls import path

from wijkpunt.intake import views_public as views

app_name = "intake_public"

urlpatterns = [
    path("<str:token>/", views.report, name="report"),
    path("<str:token>/bedankt/", views.thanks, name="thanks"),
    path("<str:token>/gevaar/", views.danger, name="danger"),
]
