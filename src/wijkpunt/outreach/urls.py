"""Staff pages of printed letters, under /werk/brieven/ (namespace ``outreach``)."""

from django.urls import path

from wijkpunt.outreach import views

app_name = "outreach"

urlpatterns = [
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/voortgang/", views.batch_progress, name="batch_progress"),
    path("<int:pk>/brieven.pdf", views.batch_download, name="batch_download"),
]
