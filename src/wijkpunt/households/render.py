"""The timeline's lines as HTML, built in Python: a file shows fifty of them, and the template
engine spent most of the page's time on their few dozen tags each. Every value is escaped
(``format_html``); the labels are translated once per page, in the reader's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkpunt.households.models import ContactMode, EntryKind, Sensitivity


def timeline_html(entries, *, signal_ids=None) -> SafeString:
    """``signal_ids``: the signals the reader may open (a signal's line shared with them by a
    referral shows without a link to a page they may not see)."""
    kinds = {k: str(v) for k, v in EntryKind.choices}
    modes = {k: str(v) for k, v in ContactMode.choices}
    sensitivities = {k: str(v) for k, v in Sensitivity.choices}
    corrected = _("Corrected – see the earlier text")
    correct = _("Correct")
    signal_url = reverse("inbox:signal", args=[0]).removesuffix("0/")
    parts = []
    for e in entries:
        author = f" – {e.author.full_name}" if e.author_id else ""
        if e.signal_id and (signal_ids is None or e.signal_id in signal_ids):
            signal = e.signal
            label = signal.category.label() if signal.category_id else e.title
            title = format_html(
                '<a class="utrecht-link" href="{}{}/">{}</a> {} · {}',
                signal_url,
                signal.pk,
                signal.reference,
                label,
                signal.get_status_display(),
            )
        else:
            title = escape(e.title)
        extra = []
        if e.appointment_at:
            extra.append(
                format_html(
                    '<p class="utrecht-paragraph">{}</p>',
                    _("On %(when)s at %(place)s, with %(who)s")
                    % {
                        "when": formats.date_format(e.appointment_at, "l j F Y, H:i"),
                        "place": e.place,
                        "who": e.with_person,
                    },
                )
            )
        if e.note:
            extra.append(
                format_html(
                    '<div class="hh-entry__note">{}</div>',
                    mark_safe(linebreaks(e.note, autoescape=True)),  # noqa: S308 - escaped inside
                )
            )
        if e.supersedes_id:
            extra.append(
                format_html(
                    '<p class="utrecht-paragraph wp-muted"><a class="utrecht-link" '
                    'href="{}versies/">{}</a></p>',
                    e.base_url,
                    corrected,
                )
            )
        if e.may_correct:
            extra.append(
                format_html(
                    '<p class="utrecht-paragraph"><a class="utrecht-link" '
                    'href="{}corrigeren/">{}</a></p>',
                    e.base_url,
                    correct,
                )
            )
        parts.append(
            format_html(
                '<li class="hh-entry hh-entry--{kind}" id="entry-{pk}">'
                '<p class="hh-entry__head"><time datetime="{iso}">{when}</time> · '
                '<span class="hh-entry__kind">{what}</span> · {org}{author} '
                '<span class="utrecht-status-badge hh-sensitivity hh-sensitivity--{s}">{sl}</span>'
                '</p><p class="hh-entry__title">{title}</p>{extra}</li>',
                kind=e.kind,
                pk=e.pk,
                iso=e.at.isoformat(),
                when=formats.date_format(e.at, "SHORT_DATETIME_FORMAT"),
                what=modes.get(e.contact_mode) or kinds.get(e.kind, e.kind),
                org=str(e.organisation),
                author=author,
                s=e.sensitivity,
                sl=sensitivities.get(e.sensitivity, e.sensitivity),
                title=title,
                extra=mark_safe("".join(extra)),  # noqa: S308 - each part built by format_html
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - each part built by format_html
