"""The letters of ``reach``: households without e-mail get the notice on paper.

``start_reach_letters(kind=…, by=…)`` prints, as one batch, every letter ``letters_due``
returns at that moment (of one kind of notice, or all); when the PDF is made, those
deliveries are marked printed (``reach.mark_printed``). Coordinators and administrators may
print them (the letters go to every estate the notices reached)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from wijkpunt.housing.models import Tenancy
from wijkpunt.outreach import pdf
from wijkpunt.outreach.letters import start_batch
from wijkpunt.outreach.models import Channel, Delivery, DeliveryState, LetterBatch
from wijkpunt.outreach.reach import letters_due, mark_printed
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Role

KIND = "outreach.reach"
ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)


def start_reach_letters(*, by, kind: str | None = None) -> LetterBatch:
    """One batch of the letters due now (NothingToPrint when there are none)."""
    due = letters_due(kind)
    last = due.order_by("-pk").values_list("pk", flat=True).first() or 0
    return start_batch(
        kind=KIND,
        ref=kind or "all",
        params={"kind": kind, "up_to": last},
        by=by,
        title=_("Letters to print"),
    )


class ReachLetter:
    def __init__(self, *, name: str, address: list[str], subject: str, body: str, link: str):
        self.name, self.address, self.subject, self.body, self.link = (
            name,
            address,
            subject,
            body,
            link,
        )

    def draw(self, canvas: Canvas) -> None:
        page = pdf.Page(canvas)
        canvas.setFont(page.regular, 11)
        y = pdf.PAGE_HEIGHT - 50 * mm
        for line in [self.name, *self.address]:
            canvas.drawString(pdf.MARGIN + 95 * mm, y, pdf.printable(line))
            y -= 15
        page.y = pdf.PAGE_HEIGHT - 85 * mm
        page.lines(self.subject, size=14, bold=True)
        page.gap(8)
        page.lines(self.body)
        if self.link:
            page.gap(10)
            page.lines(self.link, size=10)
            page.qr(self.link, pdf.PAGE_WIDTH - pdf.MARGIN - 100, page.y - 110, 100)
        canvas.showPage()


class ReachLetters:
    def _due(self, batch: LetterBatch):
        return letters_due(batch.params.get("kind")).filter(pk__lte=batch.params.get("up_to", 0))

    def count(self, batch: LetterBatch) -> int:
        return self._due(batch).count()

    def access(self, user, batch: LetterBatch) -> str:
        return "ok" if partners.has_role(user, *ROLES) else "hidden"

    def household_ids(self, batch: LetterBatch) -> list[int]:
        """The households of the batch's letters, printed by now or still due."""
        letters = Delivery.objects.filter(
            channel=Channel.LETTER,
            state__in=(DeliveryState.TO_PRINT, DeliveryState.PRINTED),
            pk__lte=batch.params.get("up_to", 0),
        )
        if batch.params.get("kind"):
            letters = letters.filter(kind=batch.params["kind"])
        return list(letters.values_list("household_id", flat=True))

    def letters(self, batch: LetterBatch) -> Iterable[pdf.Letter]:
        return self._letters(batch)

    def _letters(self, batch: LetterBatch) -> Iterator[pdf.Letter]:
        current = Tenancy.objects.current(timezone.localdate()).filter(
            household=OuterRef("household_id")
        )
        current = current.order_by("-start_date", "-pk")
        due = self._due(batch).annotate(
            street=Subquery(current.values("dwelling__building__street")[:1]),
            number=Subquery(current.values("dwelling__building__number")[:1]),
            unit=Subquery(current.values("dwelling__unit")[:1]),
            postcode=Subquery(current.values("dwelling__building__postcode")[:1]),
            city=Subquery(current.values("dwelling__building__city")[:1]),
        )
        for delivery in due.iterator(chunk_size=500):
            subject, body = delivery.text()
            street = f"{delivery.street or ''} {delivery.number or ''}".strip()
            if delivery.unit:
                street = f"{street} / {delivery.unit}"
            with translation.override(delivery.language):
                yield ReachLetter(
                    name=delivery.household.name,
                    address=[street, f"{delivery.postcode or ''} {delivery.city or ''}".strip()],
                    subject=subject,
                    body=body,
                    link=delivery.link,
                )

    def finished(self, batch: LetterBatch) -> None:
        mark_printed(deliveries=self._due(batch), by=batch.created_by)


reach_letters = ReachLetters()
