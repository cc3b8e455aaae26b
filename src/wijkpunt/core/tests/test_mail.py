"""One way to send e-mail: ``send_templated_mail()`` renders plain text without HTML escaping,
takes the subject from the first line, speaks the recipient's language, and — with ``once`` —
never sends the same mail twice. Every e-mail Wijkpunt sends goes through it."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from wijkpunt.core.mail import render_mail, send_templated_mail
from wijkpunt.core.models import SentMail
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Category, Channel, Signal, SignalStatus

WORDS = "Het is 't ergste & <echt>"
ESCAPED = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;", "&quot;")
SRC = Path(__file__).resolve().parents[2]  # src/wijkpunt
BRUSSELS = ZoneInfo("Europe/Brussels")


def report(personas, text=WORDS, reporter=None, **kw):
    return actions.create_signal(
        text=text,
        channel=Channel.PORTAL,
        category=Category.objects.get(slug="herstelling"),
        reporter=reporter or personas.tenant,
        **kw,
    ).signal


def assert_as_written(message):
    for escaped in ESCAPED:
        assert escaped not in message.subject, (escaped, message.subject)
        assert escaped not in message.body, (escaped, message.body)


def test_the_residents_words_arrive_as_written(personas, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal = report(personas)
    (message,) = [m for m in mail.outbox if personas.tenant.email in m.to]
    assert message.subject == f"We hebben uw melding {signal.reference} ontvangen"
    assert WORDS in message.body
    assert_as_written(message)
    assert not getattr(message, "alternatives", None)  # plain text only, as before


def test_subject_is_the_first_line_in_the_recipients_language(personas):
    signal = report(personas, reporter=personas.other_tenant)
    context = {"signal": signal, "site_url": "https://wijkpunt.example"}
    subject, body = render_mail("signalling/email/received.txt", context, "fr")
    assert subject == f"Nous avons reçu votre signalement {signal.reference}"
    assert body.startswith("Bonjour")
    assert WORDS in body
    subject, _ = render_mail("signalling/email/received.txt", context, "en")
    assert subject == f"We received your report {signal.reference}"


def test_a_subject_stays_one_line(personas):
    """Whatever a template puts in its first line, the subject never spans lines (a header
    injection would otherwise be one resident's words away)."""
    signal = report(personas)
    subject, _ = render_mail(
        "signalling/email/urgent.txt", {"signal": signal, "site_url": ""}, "nl-be"
    )
    assert "\n" not in subject and subject == f"DRINGENDE melding {signal.reference}"


def test_every_mail_wijkpunt_sends_keeps_the_words_as_written(
    personas, django_capture_on_commit_callbacks
):
    """Each sender — acknowledgement, news to the resident, urgent alert, reminder and
    escalation, log-in link — with the same words in every field a mail shows."""
    from wijkpunt.accounts.actions import request_login_link
    from wijkpunt.signalling.reminders import check_deadlines

    personas.estate.name = "Sint-Jan's & <Hof>"
    personas.estate.save()
    personas.tenant.full_name = "Ann-Sofie D'Hondt & <Co>"
    personas.tenant.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal = report(personas, reported_urgent=True, dwelling=personas.dwelling)
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_message(signal=signal, user=personas.technician, text=WORDS)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(
            signal=signal, user=personas.technician, status=SignalStatus.IN_PROGRESS, message=WORDS
        )
    monday = dt.datetime(2025, 3, 3, 9, 0, tzinfo=BRUSSELS)
    Signal.objects.filter(pk=signal.pk).update(
        urgent=False,
        first_response_at=None,
        first_response_due=monday.replace(hour=17),
        resolution_due=monday + dt.timedelta(days=14),
    )
    check_deadlines(monday.replace(hour=14))  # reminder
    check_deadlines(monday + dt.timedelta(days=1))  # escalation
    with django_capture_on_commit_callbacks(execute=True):
        request_login_link(email=personas.tenant.email)

    subjects = [m.subject for m in mail.outbox]
    kinds = {
        "received": "We hebben uw melding",
        "news": "Nieuws over uw melding",
        "urgent": "DRINGENDE melding",
        "reminder": "Herinnering",
        "escalation": "Escalatie",
        "log-in link": "Uw aanmeldlink",
    }
    for kind, start in kinds.items():
        assert any(s.startswith(start) for s in subjects), (kind, subjects)
    for message in mail.outbox:
        assert_as_written(message)
    bodies = "\n".join(m.body for m in mail.outbox)
    assert WORDS in bodies
    assert "Sint-Jan's & <Hof>" in bodies
    assert "Ann-Sofie" in bodies


def test_once_sends_a_mail_a_single_time(personas):
    signal = report(personas)
    mail.outbox.clear()
    context = {"signal": signal, "site_url": ""}
    args = ("signalling/email/received.txt", context, "a@example.org", "nl-be")
    assert send_templated_mail(*args, once="test:1") is True
    assert send_templated_mail(*args, once="test:1") is False
    assert send_templated_mail(*args, once="test:2") is True
    assert len(mail.outbox) == 2
    assert SentMail.objects.filter(key__startswith="test:").count() == 2


def test_a_failed_send_keeps_no_marker_so_a_later_run_sends_it(personas, monkeypatch):
    signal = report(personas)
    mail.outbox.clear()
    args = ("signalling/email/received.txt", {"signal": signal}, "a@example.org", "nl-be")

    def broken(self, messages):
        raise OSError("mail server down")

    with monkeypatch.context() as m:
        m.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
        with pytest.raises(OSError):
            send_templated_mail(*args, once="test:retry")
    assert not SentMail.objects.filter(key="test:retry").exists()
    assert send_templated_mail(*args, once="test:retry") is True
    assert len(mail.outbox) == 1


def test_no_other_way_to_send_mail():
    """Every sender uses send_templated_mail(): no module renders a mail template or builds
    a message itself (that is how the HTML escaping got into plain-text e-mails)."""
    forbidden = re.compile(
        r"\bsend_mail\(|\bsend_mass_mail\(|\bEmailMessage\(|\bEmailMultiAlternatives\("
        r"|render_to_string\(\s*f?[\"'][^\"']*\.txt"
    )
    offenders = []
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or path == SRC / "core" / "mail.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if forbidden.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_every_mail_template_has_a_subject_line():
    """Mail templates are one file each: the first line is the subject (no *_subject.txt)."""
    templates = list(SRC.rglob("templates/*/email/*.txt"))
    assert len(templates) >= 6
    for path in templates:
        assert not path.name.endswith(("_subject.txt", "_body.txt")), path
        first = path.read_text().splitlines()[0]
        assert "{% translate" in first or "{% blocktranslate" in first or "{% if" in first, path
