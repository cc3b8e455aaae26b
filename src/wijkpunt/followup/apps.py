from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "wijkpunt.followup"
    label = "followup"
    verbose_name = _("You said, we did")
