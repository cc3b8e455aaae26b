from django.urls import path

from wijkpunt.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("taal/", views.set_language, name="set_language"),
    path("demo/outbox/", views.outbox, name="outbox"),
    path("demo/outbox/<int:pk>/", views.outbox_message, name="outbox_message"),
]
