from django.urls import path

from wijkpunt.households import views_meetings as views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/", views.meeting_new, name="new"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/vertrouwelijkheid/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/starten/", views.start, name="start"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("<int:pk>/verslag/", views.minutes, name="minutes"),
    path("<int:pk>/taken/", views.task_add, name="task_add"),
    path("<int:pk>/taken/<int:task>/", views.task_move, name="task_move"),
    path("<int:pk>/taken/<int:task>/in-dossier/", views.task_record, name="task_record"),
]
