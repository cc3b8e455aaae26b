from django.urls import path

from wijkpunt.demo import views

app_name = "demo"

urlpatterns = [
    path("inloggen-als/", views.login_as, name="login_as"),
]
