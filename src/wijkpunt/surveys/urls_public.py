"""Pages for respondents, under /e/ (namespace ``surveys_public``): the code, the answers, the
published results of an estate."""

from django.urls import include, path

app_name = "surveys_public"

urlpatterns = [
    path("", include("wijkpunt.surveys.urls_answer")),
]
