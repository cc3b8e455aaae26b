"""The project's URLs with the demo URLs mounted at demo/ (as in production)."""

from django.urls import include, path

from wijkpunt.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "demo" for p in urlpatterns):
    urlpatterns.append(path("demo/", include("wijkpunt.demo.urls")))
