from django.urls import path

from wijkpunt.intake import views_staff as views

app_name = "intake_staff"

urlpatterns = [
    path("nieuw/", views.new, name="new"),
    path("<int:pk>/geregistreerd/", views.done, name="done"),
    path("<int:pk>/gevaar/", views.danger, name="danger"),
    path("<int:pk>/antwoord-telefoon/", views.phone_feedback, name="phone_feedback"),
    path("affiche/gebouw/<int:pk>/", views.poster_building, name="poster_building"),
    path("affiche/ruimte/<int:pk>/", views.poster_space, name="poster_space"),
    path("bijlage/<int:pk>/", views.attachment, name="attachment"),
]
