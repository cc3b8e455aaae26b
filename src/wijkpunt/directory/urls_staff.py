from django.urls import path

from wijkpunt.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("<str:service_id>/", views.service, name="service"),
]
