from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "wijkpunt.surveys"
    label = "surveys"
    verbose_name = _("Resident surveys")
    default_auto_field = "django.db.models.BigAutoField"
