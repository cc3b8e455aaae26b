"""E-mail: one way to send it, and the backend that keeps messages in the database.

``send_templated_mail()`` is how every e-mail of Wijkpunt leaves: signal acknowledgements and
news, urgent alerts, reminders and escalations, log-in links. A mail template is one plain-text
file whose first line is the subject::

    {% load i18n %}{% blocktranslate %}We received your report {{ ref }}{% endblocktranslate %}
    {% translate "Hello," %}
    …

It is rendered in the recipient's language and **without HTML autoescaping**: plain text is not
HTML, so a resident's ``Het is 't ergste & <echt>`` arrives as written (not as ``&#x27;`` and
``&amp;``). Never render a mail template with ``render_to_string`` (that escapes for HTML).

``once=`` makes a send idempotent: the key is claimed in a unique column (``SentMail``) in the
same transaction as the send, so a task that runs again (a worker died, the database restarted)
sends nothing twice. See docs/durability.md for the crash window."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

if TYPE_CHECKING:
    from django.template.backends.django import Template as DjangoTemplate

logger = logging.getLogger(__name__)


def render_mail(template_name: str, context: Mapping, language: str | None) -> tuple[str, str]:
    """(subject, body) of a plain-text mail template in ``language``, without HTML escaping."""
    with translation.override(language or settings.LANGUAGE_CODE):
        template = get_template(template_name)
        # The Django backend's own template, rendered in a context that does not autoescape.
        django_template = cast("DjangoTemplate", template)  # the project has only this backend
        text = django_template.template.render(Context(dict(context), autoescape=False))
    subject, _, body = text.strip().partition("\n")
    # A subject is one line: a resident's words in it never add headers or lines.
    subject = " ".join(subject.split())
    return subject, body.strip() + "\n"


def send_templated_mail(
    template_name: str,
    context: Mapping,
    to: str | Sequence[str],
    language: str | None,
    *,
    once: str | None = None,
) -> bool:
    """Render ``template_name`` (first line = subject) in ``language`` and send it to ``to``.

    With ``once`` the mail goes out at most once per key, also when two runs of a task race:
    the key is inserted (unique) in the transaction that sends, so a second run waits for the
    first and then finds the key. When sending fails the key is not kept and a later run sends
    it. Returns whether a mail was sent."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    subject, body = render_mail(template_name, context, language)
    message = EmailMessage(subject, body, None, recipients)
    if once is None:
        message.send()
        return True
    from wijkpunt.core.models import SentMail

    with transaction.atomic():
        try:
            with transaction.atomic():
                SentMail.objects.create(key=once[:255], template=template_name[:200])
        except IntegrityError:
            logger.info("Mail %s was already sent; not sending it again", once)
            return False
        message.send()
    return True


class OutboxBackend(BaseEmailBackend):
    """An e-mail backend that keeps messages in the database (the demo outbox)."""

    def send_messages(self, email_messages) -> int:
        from wijkpunt.core.models import OutboxMessage

        count = 0
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            OutboxMessage.objects.create(
                to=", ".join(message.to),
                subject=str(message.subject)[:500],
                body=message.body,
                html_body=html,
            )
            count += 1
        return count
