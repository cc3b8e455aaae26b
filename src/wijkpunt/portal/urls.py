from django.urls import path

from wijkpunt.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("gegevens/", views.details, name="details"),
    path("gegevens/e-mail/<str:token>/", views.confirm_email, name="confirm_email"),
]
