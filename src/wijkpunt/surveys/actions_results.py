"""Writes of the results: publishing a closed wave's results to its residents."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkpunt.audit.actions import record
from wijkpunt.audit.models import AuditAction
from wijkpunt.surveys.actions import audience_of
from wijkpunt.surveys.models import Wave, WaveStatus
from wijkpunt.surveys.texts import text_in
from wijkpunt.surveys.workflow import TransitionError

KIND = "surveys.results"


def public_url(estate_slug: str) -> str:
    path = reverse("surveys_public:estate_results", kwargs={"estate": estate_slug})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def compose(wave: Wave, language: str) -> tuple[str, str]:
    """(subject, body) of the notice, in ``language`` (called with that language active)."""
    survey = wave.survey
    title = text_in(survey.title, language, survey.main_language)
    subject = _("The results of “%(title)s” are out") % {"title": title}
    body = "\n\n".join(
        [
            _("Thank you to everyone who answered the survey “%(title)s” (%(wave)s).")
            % {"title": title, "wave": wave.name},
            _(
                "The results for your estate are now on Wijkpunt, with what the housing "
                "company and its partners will do with them. Nobody can see who answered what."
            ),
        ]
    )
    return subject, body


def publish_results(*, wave: Wave, by) -> None:
    """Publish a closed wave's results: residents of its estates see them on their estate's
    page and in the portal, and are told (portal message, e-mail, a letter to print for whoever
    has no e-mail) through ``outreach.reach``. Publishing twice tells nobody twice."""
    from wijkpunt.outreach.reach import reach

    with transaction.atomic():
        wave = Wave.objects.select_for_update().select_related("survey").get(pk=wave.pk)
        if wave.status != WaveStatus.CLOSED:
            raise TransitionError(_("Only the results of a closed wave can be published."))
        if wave.results_published_at is None:
            wave.results_published_at = timezone.now()
            wave.save(update_fields=["results_published_at"])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="survey-wave",
            object_id=wave.pk,
            purpose="published the results of a survey wave",
        )
        estates = list(wave.estates.order_by("name"))
        fallback = estates[0].slug if estates else ""
        reach(
            households=audience_of(wave, on=timezone.localdate()),
            message=lambda language: compose(wave, language),
            kind=KIND,
            ref=str(wave.pk),
            by=by,
            link=lambda r: public_url(r.estate_slug or fallback) if fallback else "",
        )
