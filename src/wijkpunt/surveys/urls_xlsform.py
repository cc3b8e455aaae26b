"""XLSForm in and out (``views_xlsform``)."""

from django.urls import path

from wijkpunt.surveys import views_xlsform as views

urlpatterns = [
    path("xlsform/", views.xlsform_import, name="xlsform_import"),
    path("<int:pk>/xlsform/", views.xlsform_export, name="xlsform_export"),
]
