from django.urls import path

from wijkpunt.intake import views_short as views

app_name = "short"

urlpatterns = [
    # the address on a poster has no trailing slash: it is what people type
    path("<str:code>", views.resolve, name="resolve"),
    path("<str:code>/", views.resolve),
]
