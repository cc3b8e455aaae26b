from django.urls import path

from wijkpunt.households import views, views_meetings, views_referrals

app_name = "households"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("<int:pk>/", views.file, name="file"),
    path("<int:pk>/openen/", views.break_glass, name="break_glass"),
    path("<int:pk>/contact/", views.add_contact, name="contact"),
    path("<int:pk>/afspraak/", views.add_appointment, name="appointment"),
    path("<int:pk>/toestemming/", views.add_consent, name="consent"),
    path("<int:pk>/doorverwijzen/", views_referrals.refer, name="refer"),
    path("<int:pk>/casusoverleg/", views_meetings.agenda, name="agenda"),
    path("<int:pk>/toestemming/<int:consent>/intrekken/", views.withdraw, name="withdraw"),
    path("<int:pk>/lijn/<int:entry>/corrigeren/", views.correct, name="correct"),
    path("<int:pk>/lijn/<int:entry>/versies/", views.history, name="history"),
]
