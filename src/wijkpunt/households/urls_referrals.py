from django.urls import path

from wijkpunt.households import views_referrals as views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/stap/", views.referral_step, name="step"),
    path("<int:pk>/afspraak/", views.referral_handover, name="handover"),
    path("<int:pk>/brief.pdf", views.referral_letter, name="letter"),
]
