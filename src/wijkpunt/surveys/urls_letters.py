from django.urls import path

from wijkpunt.surveys import views_letters as views

urlpatterns = [
    path("golven/<int:pk>/brieven/", views.wave_letters, name="wave_letters"),
]
