from django.urls import path

from wijkpunt.accounts import views

app_name = "accounts"

urlpatterns = [
    path("link/", views.link_request, name="link_request"),
    path("link/sent/", views.link_sent, name="link_sent"),
    path("link/<str:token>/", views.link_confirm, name="link_confirm"),
]
