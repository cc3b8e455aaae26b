from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "wijkpunt.workspace"
    label = "workspace"
    verbose_name = _("Staff workspace")

    def ready(self) -> None:
        from wijkpunt.workspace.textsearch import connect_signals

        connect_signals()
