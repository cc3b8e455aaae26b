from django.urls import path

from wijkpunt.followup import views_public

app_name = "followup_public"

urlpatterns = [
    path("<slug:estate_slug>/acties/", views_public.estate, name="estate"),
]
