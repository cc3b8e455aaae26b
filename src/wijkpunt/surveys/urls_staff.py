"""Staff pages of the surveys, under /werk/bevragingen/ (namespace ``surveys``). Each area has
its own module; they share the namespace."""

from django.urls import include, path

app_name = "surveys"

urlpatterns = [
    path("", include("wijkpunt.surveys.urls_builder")),
    path("", include("wijkpunt.surveys.urls_xlsform")),
    path("", include("wijkpunt.surveys.urls_waves")),
    path("", include("wijkpunt.surveys.urls_entry")),
    path("", include("wijkpunt.surveys.urls_results")),
    path("", include("wijkpunt.surveys.urls_letters")),
]
