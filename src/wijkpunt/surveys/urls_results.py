"""Staff pages of a wave's results (namespace ``surveys``)."""

from django.urls import path

from wijkpunt.surveys import views_results as views

urlpatterns = [
    path("golven/<int:pk>/resultaten/", views.results_page, name="results"),
    path("golven/<int:pk>/resultaten/vergelijken/", views.compare, name="results_compare"),
    path("golven/<int:pk>/resultaten/export/<str:fmt>/", views.export, name="results_export"),
    path("golven/<int:pk>/resultaten/rapport/", views.report_pdf, name="results_report"),
    path("golven/<int:pk>/resultaten/publiceren/", views.publish, name="results_publish"),
]
