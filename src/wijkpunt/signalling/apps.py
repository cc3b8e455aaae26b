from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "wijkpunt.signalling"
    label = "signalling"
    verbose_name = _("Signals")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from wijkpunt.partners.models import Organisation, Team
        from wijkpunt.signalling import config
        from wijkpunt.signalling.models import Category, DeadlinePolicy, RoutingRule

        # The cached signal configuration is cleared when any part of it changes.
        for model in (Category, RoutingRule, DeadlinePolicy, Organisation, Team):
            post_save.connect(config.clear, sender=model, dispatch_uid=f"signal-config-{model}")
            post_delete.connect(config.clear, sender=model, dispatch_uid=f"signal-config-d-{model}")
        for through in (Organisation.estates.through, Category.visible_to_organisations.through):
            m2m_changed.connect(
                config.clear, sender=through, dispatch_uid=f"signal-config-{through}"
            )
