"""The wave pages (namespace ``surveys``, under /werk/bevragingen/)."""

from django.urls import path

from wijkpunt.surveys import views_waves as views

urlpatterns = [
    path("<int:pk>/golf/nieuw/", views.wave_new, name="wave_new"),
    path("golven/<int:pk>/", views.wave_detail, name="wave"),
    path("golven/<int:pk>/wijzigen/", views.wave_edit, name="wave_edit"),
    path("golven/<int:pk>/openen/", views.wave_open, name="wave_open"),
    path("golven/<int:pk>/sluiten/", views.wave_close, name="wave_close"),
    path("golven/<int:pk>/respons/", views.wave_rates, name="wave_rates"),
]
