from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from wijkpunt.api import views

app_name = "api"

urlpatterns = [
    path("categories/", views.CategoryList.as_view(), name="categories"),
    path("signals/", views.SignalList.as_view(), name="signals"),
    path("signals/<int:pk>/", views.SignalDetail.as_view(), name="signal"),
    path("signals/<int:pk>/status/", views.SignalStatusView.as_view(), name="signal-status"),
    path("signals/<int:pk>/notes/", views.SignalNoteView.as_view(), name="signal-notes"),
    path("signals/<int:pk>/messages/", views.SignalMessageView.as_view(), name="signal-messages"),
    path("signals/<int:pk>/assign/", views.SignalAssignView.as_view(), name="signal-assign"),
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny]),
        name="schema",
    ),
    re_path(r"^.*$", views.not_found),
]
