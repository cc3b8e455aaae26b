from django.urls import path

from wijkpunt.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.home, name="home"),
    path("toewijzen/", views.bulk_assign, name="bulk_assign"),
    path("kaart/", views.map_view, name="map"),
    path("<int:pk>/", views.signal_page, name="signal"),
    path("<int:pk>/triage/", views.triage, name="triage"),
    path("<int:pk>/status/", views.change_status, name="status"),
    path("<int:pk>/toewijzen/", views.assign, name="assign"),
    path("<int:pk>/toewijzen/keuzes/", views.assign_choices, name="assign_choices"),
    path("<int:pk>/notitie/", views.note, name="note"),
    path("<int:pk>/bericht/", views.message, name="message"),
    path("<int:pk>/bestanden/", views.add_files, name="files"),
    path("<int:pk>/samenvoegen/", views.merge, name="merge"),
]
