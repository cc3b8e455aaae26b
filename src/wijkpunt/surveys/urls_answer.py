"""Answering a survey (under /e/, namespace ``surveys_public``). The code is never part of an
address: it travels in a POST body (see ``views_answer``)."""

from django.urls import path

from wijkpunt.surveys import views_answer as views

urlpatterns = [
    path("", views.estate, name="home"),
    # Before the estate's pages: "mijn" is not an estate.
    path("mijn/<int:wave>/", views.portal_answer, name="portal_answer"),
    path("<slug:estate>/", views.estate, name="estate"),
    path("<slug:estate>/bedankt/<int:wave>/", views.thanks, name="thanks"),
]
