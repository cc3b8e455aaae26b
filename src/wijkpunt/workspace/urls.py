from django.urls import path

from wijkpunt.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("wijken/", views.estates, name="estates"),
    path("wijken/<slug:slug>/", views.estate, name="estate"),
    path("gezinnen/<int:pk>/", views.household, name="household"),
    path("zoeken/", views.search, name="search"),
]
