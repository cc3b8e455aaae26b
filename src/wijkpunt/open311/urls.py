from django.urls import path, re_path

from wijkpunt.open311 import views

app_name = "open311"

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    re_path(rf"^discovery\.{FMT}$", views.discovery, name="discovery"),
    re_path(rf"^services\.{FMT}$", views.service_list, name="services"),
    re_path(
        rf"^services/(?P<service_code>[-\w]+)\.{FMT}$",
        views.service_definition,
        name="service",
    ),
    re_path(rf"^requests\.{FMT}$", views.requests, name="requests"),
    re_path(rf"^requests/(?P<request_id>[^/]+)\.{FMT}$", views.request_detail, name="request"),
    path("", views.not_found),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
