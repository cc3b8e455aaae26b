"""Background work of the household files and referrals."""

from __future__ import annotations

from django_tasks import task


def _url(name: str, *args) -> str:
    from django.conf import settings
    from django.urls import reverse

    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


@task()
def tell_privacy_officer(organisation_id: int, what: str, pk: int) -> bool:
    """E-mail the organisation's privacy officer about a break-the-glass, a new client
    relationship, or a referral on a legal basis or without consent (once per record)."""
    from wijkpunt.core.mail import send_templated_mail
    from wijkpunt.households.models import FileReason, Referral
    from wijkpunt.partners.models import Organisation

    organisation = Organisation.objects.select_related("privacy_officer").get(pk=organisation_id)
    officer = organisation.privacy_officer
    if officer is None or not officer.email:
        return False
    context: dict = {"what": what, "organisation": organisation, "url": _url("households:privacy")}
    if what.startswith("referral"):
        context["referral"] = Referral.objects.select_related("sent_by").filter(pk=pk).first()
        if context["referral"] is None:
            return False
    else:
        context["reason"] = FileReason.objects.select_related("user").filter(pk=pk).first()
        if context["reason"] is None:
            return False
    return send_templated_mail(
        "households/email/privacy_officer.txt",
        context,
        officer.email,
        getattr(officer, "language", None),
        once=f"privacy:{what}:{pk}",
    )


@task()
def tell_recipient(referral_id: int) -> bool:
    """E-mail the receiving organisation that a referral waits for its answer (its address;
    the referral itself is read in Wijkpunt, never in the e-mail)."""
    from django.conf import settings

    from wijkpunt.core.mail import send_templated_mail
    from wijkpunt.households.models import Referral

    referral = (
        Referral.objects.select_related("to_organisation", "from_organisation")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or referral.to_organisation is None or not referral.to_organisation.email:
        return False
    return send_templated_mail(
        "households/email/referral_received.txt",
        {"referral": referral, "url": _url("referrals:detail", referral.pk)},
        referral.to_organisation.email,
        settings.LANGUAGE_CODE,
        once=f"referral-received:{referral.pk}",
    )


@task()
def remind_sender(referral_id: int) -> bool:
    """E-mail the sender that their referral has had no answer in the set days."""
    from django.conf import settings

    from wijkpunt.core.mail import send_templated_mail
    from wijkpunt.households.models import Referral, ReferralStatus

    referral = (
        Referral.objects.select_related("to_organisation", "sent_by").filter(pk=referral_id).first()
    )
    if referral is None or referral.status != ReferralStatus.SENT or not referral.sent_by.email:
        return False
    return send_templated_mail(
        "households/email/referral_reminder.txt",
        {
            "referral": referral,
            "days": settings.REFERRAL_ANSWER_DAYS,
            "url": _url("referrals:detail", referral.pk),
        },
        referral.sent_by.email,
        getattr(referral.sent_by, "language", None),
        once=f"referral-reminder:{referral.pk}",
    )


@task()
def remind_unanswered_referrals() -> int:
    """The periodic check (the worker's scheduler): remind the senders of unanswered
    referrals and the owners of case meetings' tasks that are due."""
    from wijkpunt.households.actions import remind_due_tasks
    from wijkpunt.households.actions import remind_unanswered_referrals as remind

    return len(remind()) + len(remind_due_tasks())


@task()
def remind_task(task_id: int) -> int:
    """E-mail the owner of a case meeting's task (else the partner's participants) that it is
    due. No names of households: the task is read in Wijkpunt."""
    from wijkpunt.core.mail import send_templated_mail
    from wijkpunt.households.models import MeetingTask

    task = MeetingTask.objects.select_related("meeting", "owner").filter(pk=task_id).first()
    if task is None:
        return 0
    people = (
        [task.owner]
        if task.owner_id
        else [s.user for s in task.meeting.participants.filter(organisation=task.organisation)]
    )
    sent = 0
    for person in people:
        if person is None:
            continue
        sent += send_templated_mail(
            "households/email/task_reminder.txt",
            {"task": task, "url": _url("meetings:detail", task.meeting_id)},
            person.email,
            getattr(person, "language", None),
            once=f"meeting-task:{task.pk}:{person.pk}",
        )
    return sent
