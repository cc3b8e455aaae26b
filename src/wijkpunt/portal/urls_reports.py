from django.urls import path

from wijkpunt.portal import views_reports as views

app_name = "intake_portal"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("nieuw/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bedankt/", views.thanks, name="thanks"),
    path("<int:pk>/gevaar/", views.danger, name="danger"),
    path("<int:pk>/antwoord/", views.reply, name="reply"),
    path("<int:pk>/opgelost/", views.feedback, name="feedback"),
    path("<int:pk>/bijlage/<int:attachment_pk>/", views.attachment, name="attachment"),
]
