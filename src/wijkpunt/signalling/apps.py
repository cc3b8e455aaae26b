from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "wijkpunt.signalling"
    label = "signalling"
    verbose_name = _("Signals")
