from django.urls import path

from wijkpunt.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.action_list, name="list"),
    path("nieuw/", views.action_new, name="new"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/teksten/", views.action_edit, name="edit"),
    path("<int:pk>/notitie/", views.action_note, name="note"),
    path("<int:pk>/status/", views.action_status, name="status"),
]
