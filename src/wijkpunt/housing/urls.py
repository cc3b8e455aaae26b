from django.urls import path

from wijkpunt.housing import views

app_name = "housing"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("import/<int:pk>/voortgang/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/bevestigen/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/annuleren/", views.import_cancel, name="import_cancel"),
    path("import/<int:pk>/problemen.csv", views.import_problems, name="import_problems"),
    path("export/", views.export, name="export"),
]
