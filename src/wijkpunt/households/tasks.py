"""Background work of the household files."""

from __future__ import annotations

from django_tasks import task


@task()
def tell_privacy_officer(organisation_id: int, what: str, pk: int) -> bool:
    """E-mail the organisation's privacy officer about a break-the-glass, a new client
    relationship or an action without consent (once per record)."""
    from django.conf import settings
    from django.urls import reverse

    from wijkpunt.core.mail import send_templated_mail
    from wijkpunt.households.models import FileReason
    from wijkpunt.partners.models import Organisation

    organisation = Organisation.objects.select_related("privacy_officer").get(pk=organisation_id)
    officer = organisation.privacy_officer
    if officer is None or not officer.email:
        return False
    reason = FileReason.objects.select_related("user").filter(pk=pk).first()
    if reason is None:
        return False
    return send_templated_mail(
        "households/email/privacy_officer.txt",
        {
            "what": what,
            "reason": reason,
            "organisation": organisation,
            "url": settings.SITE_URL.rstrip("/") + reverse("households:privacy"),
        },
        officer.email,
        getattr(officer, "language", None),
        once=f"privacy:{what}:{pk}",
    )
