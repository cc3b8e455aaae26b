"""``/hsds/``: the sociale kaart as a read-only HSDS 3.0 API (paths as Open Referral's API
reference names them, without a trailing slash)."""

from django.urls import path, re_path

from wijkpunt.directory import api

app_name = "hsds"

urlpatterns = [
    path("", api.Root.as_view(), name="root"),
    path("services", api.ServiceList.as_view(), name="services"),
    path("services/<str:id>", api.ServiceDetail.as_view(), name="service"),
    path("organizations", api.OrganizationList.as_view(), name="organizations"),
    path("organizations/<str:id>", api.OrganizationDetail.as_view(), name="organization"),
    path("taxonomies", api.TaxonomyList.as_view(), name="taxonomies"),
    path("taxonomies/<str:id>", api.TaxonomyDetail.as_view(), name="taxonomy"),
    path("taxonomy_terms", api.TaxonomyTermList.as_view(), name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", api.TaxonomyTermDetail.as_view(), name="taxonomy_term"),
    re_path(r"^(?P<rest>.*)$", api.not_found),
]
