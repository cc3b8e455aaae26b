from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijkpunt.core"
    label = "core"
    verbose_name = _("Wijkpunt")

    def ready(self) -> None:
        from wijkpunt.core import deploy  # noqa: F401 - registers the deploy checks
