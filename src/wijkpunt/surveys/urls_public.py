"""Pages for respondents, under /e/ (namespace ``surveys_public``): the code, the answers, the
published results of an estate."""

from django.urls import include, path

from wijkpunt.surveys import views_public

app_name = "surveys_public"

urlpatterns = [
    # Before the answer pages' "<slug:estate>/": "mijn-resultaten" is not an estate.
    path("mijn-resultaten/", views_public.portal_results, name="portal_results"),
    path("<slug:estate>/resultaten/", views_public.estate_results, name="estate_results"),
    path("", include("wijkpunt.surveys.urls_answer")),
]
