"""The referral letter: for a service outside Wijkpunt (no account, so nothing is sent to it)
the resident takes a printed letter along. One A4 page in the household's language: who they
are, the need, exactly the details the referral shares, the service's address, phone and
hours, the appointment of the warm hand-over and who referred them."""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from wijkpunt.directory import queries as directory
from wijkpunt.directory.models import LocationType
from wijkpunt.households.models import Referral, SharedField
from wijkpunt.outreach import pdf


def _service_lines(referral: Referral) -> list[str]:
    service = directory.service_page(referral.to_service_id) if referral.to_service_id else None
    if service is None:
        return []
    lines = [f"{service.name} – {service.organization.name}"]
    for sal in list(service.service_at_locations.all())[:2]:
        location = sal.location
        addresses = sorted(
            location.addresses.all(),
            key=lambda a: (a.address_type != LocationType.PHYSICAL, a.position),
        )
        if addresses:
            a = addresses[0]
            lines.append(f"{a.address_1}, {a.postal_code} {a.city}".strip(", "))
    phones = list(service.phones.all()) or list(service.organization.phones.all())
    if phones:
        lines.append(_("Phone: %(number)s") % {"number": phones[0].number})
    rows = directory.schedule_rows(service.schedules.all())
    for sal in service.service_at_locations.all():
        rows += directory.schedule_rows(sal.schedules.all())
    for line in directory.hours_lines(rows)[:4]:
        lines.append(" ".join(p for p in (line.days, line.hours, line.note) if p))
    return lines


class ReferralLetter:
    def __init__(self, referral: Referral) -> None:
        self.referral = referral

    def draw(self, canvas: Canvas) -> None:
        r = self.referral
        household = r.household
        page = pdf.Page(
            canvas,
            header=str(r.from_organisation),
            footer=_("Referral %(ref)s · made with Wijkpunt") % {"ref": r.reference},
        )
        page.y = pdf.PAGE_HEIGHT - 30 * mm
        page.lines(_("Referral to %(to)s") % {"to": r.recipient}, size=16, bold=True)
        page.gap(6)
        page.lines(_("For: %(name)s") % {"name": household.name}, bold=True)
        codes = set(r.field_codes)
        if SharedField.ADDRESS in codes:
            from wijkpunt.households.queries import current_address

            address = current_address(household)
            if address:
                page.lines(str(address))
        if SharedField.CONTACT in codes:
            if household.phone:
                page.lines(_("Phone: %(number)s") % {"number": household.phone})
            page.lines(_("Language: %(language)s") % {"language": household.get_language_display()})
        if SharedField.RESIDENTS in codes:
            names = ", ".join(
                x.full_name for x in household.residents.filter(moved_out_on__isnull=True)
            )
            page.lines(_("Household: %(names)s") % {"names": names})
        page.gap(10)
        page.lines(_("What I need help with"), bold=True)
        page.lines(r.need)
        entries = list(r.shared_entries.order_by("at"))
        if entries:
            page.gap(6)
            page.lines(_("From my file"), bold=True)
            for e in entries:
                when = formats.date_format(timezone.localtime(e.at), "SHORT_DATE_FORMAT")
                page.lines(f"{when} – {e.title}", indent=4 * mm)
        if r.appointment_at:
            page.gap(10)
            page.lines(_("My appointment"), bold=True)
            page.lines(
                _("On %(when)s at %(place)s, with %(who)s")
                % {
                    "when": formats.date_format(
                        timezone.localtime(r.appointment_at), "l j F Y, H:i"
                    ),
                    "place": r.place,
                    "who": r.with_person,
                }
            )
        service = _service_lines(r)
        if service:
            page.gap(10)
            page.lines(_("Where to go"), bold=True)
            for line in service:
                page.lines(line)
        page.gap(10)
        page.lines(_("Referred by"), bold=True)
        sender = r.from_organisation
        page.lines(f"{r.sent_by.full_name}, {sender}")
        contact = " · ".join(p for p in (sender.phone, sender.email) if p)
        if contact:
            page.lines(contact)
        page.gap(14)
        page.lines(
            _(
                "This letter holds only what you agreed to share. You decide whether you hand "
                "it over. Nothing else about you was sent to this service."
            )
            if r.basis == "consent"
            else _(
                "This letter holds only what the service needs for this referral. Nothing else "
                "about you was sent to this service."
            ),
            size=9,
        )
        canvas.showPage()


def referral_letter_pdf(referral: Referral) -> bytes:
    with translation.override(referral.household.language):
        return pdf.render_chunk(
            [ReferralLetter(referral)],
            metadata=pdf.Metadata(title=_("Referral %(ref)s") % {"ref": referral.reference}),
        )
