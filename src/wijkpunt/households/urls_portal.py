from django.urls import path

from wijkpunt.households import views_portal

app_name = "households_portal"

urlpatterns = [
    path("", views_portal.my_file_page, name="file"),
    path("toestemming/<int:pk>/intrekken/", views_portal.withdraw, name="withdraw"),
]
