from django.urls import path

from wijkpunt.followup import views_portal

app_name = "followup_portal"

urlpatterns = [
    path("", views_portal.home, name="home"),
    path("berichten/<int:pk>/", views_portal.message, name="message"),
]
