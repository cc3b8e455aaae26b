"""The survey builder: the list of surveys, the editor, the preview, a new version."""

from django.urls import path

from wijkpunt.surveys import views_builder as views

urlpatterns = [
    path("", views.home, name="home"),
    path("nieuw/", views.survey_new, name="survey_new"),
    path("<int:pk>/", views.survey, name="survey"),
    path("<int:pk>/teksten/", views.survey_texts, name="survey_texts"),
    path("<int:pk>/voorbeeld/", views.preview, name="preview"),
    path("<int:pk>/voorbeeld/formulier/", views.preview_frame, name="preview_frame"),
    path("<int:pk>/nieuwe-versie/", views.new_version, name="new_version"),
    path("<int:pk>/delen/nieuw/", views.section_edit, name="section_new"),
    path("<int:pk>/delen/<int:section>/", views.section_edit, name="section"),
    path("<int:pk>/delen/<int:section>/verplaatsen/", views.section_move, name="section_move"),
    path("<int:pk>/delen/<int:section>/verwijderen/", views.section_delete, name="section_delete"),
    path("<int:pk>/delen/<int:section>/vraag/", views.question_new, name="question_new"),
    path("<int:pk>/vragen/<int:question>/", views.question_edit, name="question"),
    path("<int:pk>/vragen/<int:question>/verplaatsen/", views.question_move, name="question_move"),
    path(
        "<int:pk>/vragen/<int:question>/verwijderen/",
        views.question_delete,
        name="question_delete",
    ),
]
