"""Door-to-door and paper entry of a wave (namespace ``surveys``, under /werk/bevragingen/).
The code is never part of an address: it travels in the body of a POST."""

from django.urls import path

from wijkpunt.surveys import views_entry as views

urlpatterns = [
    path("golven/<int:pk>/aan-de-deur/", views.door, name="door"),
    path("golven/<int:pk>/papier/", views.paper, name="paper"),
]
