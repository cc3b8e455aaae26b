"""Invitation and reminder letters of a survey wave: one letter per household with a code,
in the household's language, made as a background batch by ``wijkpunt.outreach.letters``.

A letter is the address block (the household's name and address from the registry), a few
plain words, the code large (``ABCD-EFGH``), the short address to type (``links.typed_address``)
and a QR code to the answer page with the code after ``#`` (``links.qr_url``), followed by a
paper form of the questionnaire with the code on every page, so returned forms can be entered
(``surveys:paper``). Reminders go only to codes not used yet.

The letter's words are Wijkpunt's own translations (nl, fr, en: the household's language when
Wijkpunt speaks it, else Dutch); the questionnaire is in the household's language when the
survey has it (with the built-in font only languages Helvetica can print, see
``outreach.pdf``), else in the letter's language or the survey's main language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from wijkpunt.housing.models import Tenancy
from wijkpunt.outreach import letters as outreach_letters
from wijkpunt.outreach import pdf
from wijkpunt.outreach.models import LetterBatch
from wijkpunt.surveys import access, codes, links
from wijkpunt.surveys.answering import choose_language, interface_language
from wijkpunt.surveys.definition import OTHER, QuestionDef, SurveyDef, load
from wijkpunt.surveys.models import QuestionKind, SurveyCode, Wave, WaveStatus
from wijkpunt.surveys.workflow import TransitionError

INVITATIONS = "surveys.invitations"
REMINDERS = "surveys.reminders"


# -- starting a batch ------------------------------------------------------------------------


def codes_for(wave: Wave, kind: str):
    """The codes a batch of ``kind`` prints: all of the wave, or the unused ones."""
    found = SurveyCode.objects.filter(wave=wave)
    if kind == REMINDERS:
        found = found.filter(used=False)
    return found


def counts(wave: Wave) -> dict[str, int]:
    """How many letters each kind would print now."""
    everyone = SurveyCode.objects.filter(wave=wave).count()
    unused = SurveyCode.objects.filter(wave=wave, used=False).count()
    return {"invitations": everyone, "reminders": unused}


def _start(*, wave: Wave, by, kind: str) -> LetterBatch:
    wave = access.get_wave_for(by, wave.pk, "manage")
    if wave.status != WaveStatus.OPEN:
        raise TransitionError(_("Letters can only be printed while the wave is open."))
    label = _("Invitations") if kind == INVITATIONS else _("Reminders")
    try:
        return outreach_letters.start_batch(
            kind=kind,
            ref=f"wave:{wave.pk}",
            params={"wave": wave.pk},
            by=by,
            title=f"{label} – {wave}",
        )
    except outreach_letters.NothingToPrint as error:
        raise TransitionError(str(error)) from error


def start_invitations(*, wave: Wave, by) -> LetterBatch:
    """Letters to every household of the open wave (PermissionDenied/Http404 without the
    right to manage it, TransitionError when it is not open)."""
    return _start(wave=wave, by=by, kind=INVITATIONS)


def start_reminders(*, wave: Wave, by) -> LetterBatch:
    """Letters to the households whose code is not used yet."""
    return _start(wave=wave, by=by, kind=REMINDERS)


# -- the source for outreach.letters ---------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    code: str
    language: str
    name: str
    street: str
    number: str
    unit: str
    postcode: str
    city: str
    estate_name: str
    estate_slug: str


class WaveLetters:
    """The letters of one kind of a wave (see ``outreach.letters.Source``)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def _wave(self, batch: LetterBatch) -> Wave:
        return Wave.objects.select_related("survey", "survey__organisation").get(
            pk=batch.params["wave"]
        )

    def count(self, batch: LetterBatch) -> int:
        return codes_for(self._wave(batch), self.kind).count()

    def access(self, user, batch: LetterBatch) -> str:
        wave_id = batch.params.get("wave")
        if access.visible_waves(user, "manage").filter(pk=wave_id).exists():
            return "ok"
        if any(
            access.visible_waves(user, a).filter(pk=wave_id).exists() for a in access.WAVE_ROLES
        ):
            return "forbidden"
        return "hidden"

    def household_ids(self, batch: LetterBatch) -> list[int]:
        wave = Wave.objects.get(pk=batch.params["wave"])
        return list(codes_for(wave, self.kind).values_list("household_id", flat=True))

    def back_link(self, batch: LetterBatch) -> str:
        return reverse("surveys:wave_letters", args=[batch.params["wave"]])

    def recipients(self, wave: Wave) -> Iterator[Recipient]:
        unit = Tenancy.objects.filter(
            household=OuterRef("household_id"), dwelling__building=OuterRef("building_id")
        ).order_by("-start_date", "-pk")
        rows = (
            codes_for(wave, self.kind)
            .annotate(unit=Subquery(unit.values("dwelling__unit")[:1]))
            .order_by("estate__name", "building__street", "building__number", "unit", "pk")
            .values_list(
                "code",
                "language",
                "household__name",
                "building__street",
                "building__number",
                "unit",
                "building__postcode",
                "building__city",
                "estate__name",
                "estate__slug",
            )
        )
        for row in rows.iterator(chunk_size=500):
            yield Recipient(*(value or "" for value in row))

    def letters(self, batch: LetterBatch) -> Iterable[pdf.Letter]:
        wave = self._wave(batch)
        layout = Layout(wave=wave, definition=load(wave.survey), reminder=self.kind == REMINDERS)
        for recipient in self.recipients(wave):
            yield SurveyLetter(layout, recipient)


invitations = WaveLetters(INVITATIONS)
reminders = WaveLetters(REMINDERS)


# -- the letter ------------------------------------------------------------------------------


def letter_language(language: str) -> str:
    """The language of the letter's words: the household's when Wijkpunt speaks it."""
    return interface_language(language) or settings.LANGUAGE_CODE


def form_language(survey_languages: list[str], language: str) -> str:
    """The questionnaire's language: the household's when the survey has it (and the font
    can print it), else the letter's, else the survey's main one."""
    letter = letter_language(language)
    if pdf.fonts()[0] == "Helvetica" and not interface_language(language):
        return choose_language(survey_languages, letter)
    return choose_language(survey_languages, language, letter)


@dataclass
class Words:
    """The letter's fixed words in one language (made once per language per batch)."""

    subject: str
    dear: str
    body: list[str]
    how: str
    ways: list[str]
    code_label: str
    address_label: str
    promise: str
    form_title: str
    form_intro: str
    form_end: str
    footer: str
    tick_one: str
    tick_many: str
    tick_at_most: str
    write_number: str
    write_between: str
    rating: str
    other: str
    page: str


class Layout:
    """What every letter of a batch shares: the wave, the questionnaire, words per language."""

    def __init__(self, *, wave: Wave, definition: SurveyDef, reminder: bool) -> None:
        self.wave = wave
        self.definition = definition
        self.reminder = reminder
        self._words: dict[tuple[str, str], Words] = {}

    @cached_property
    def organisation(self) -> str:
        return self.wave.survey.organisation.name

    def words(self, language: str, estate: str) -> Words:
        key = (language, estate)
        if key not in self._words:
            with translation.override(language):
                self._words[key] = self._make_words(estate)
        return self._words[key]

    def _make_words(self, estate: str) -> Words:
        wave = self.wave
        title = wave.survey.title
        survey_title = title.get(translation.get_language() or "", "") or str(wave.survey)
        closes = formats.date_format(wave.closes_on, "j F Y")
        if self.reminder:
            subject = _("Reminder: what do you think? %(title)s") % {"title": survey_title}
            body = [
                _(
                    "Some weeks ago we asked every household of %(estate)s for its opinion. "
                    "We have not received your answers yet. It is not too late."
                )
                % {"estate": estate},
                _(
                    "Did you hand in the paper form in the last few days? Then you can "
                    "ignore this letter. Thank you!"
                ),
            ]
        else:
            subject = _("What do you think? %(title)s") % {"title": survey_title}
            body = [
                _(
                    "%(organisation)s asks every household of %(estate)s for its opinion. "
                    "Your answers help us to do better."
                )
                % {"organisation": self.organisation, "estate": estate},
            ]
        body.append(_("Please answer before %(date)s.") % {"date": closes})
        return Words(
            subject=subject,
            dear=_("Dear resident,"),
            body=body,
            how=_("How can you answer?"),
            ways=[
                _("With your phone: scan the square code on the right."),
                _("On a phone or computer: go to the address below and type your code."),
                _("On paper: fill in the form with this letter and give it back to us."),
                _("Someone may also come to your door to fill it in with you."),
            ],
            code_label=_("Your code"),
            address_label=_("Answer at"),
            promise=_(
                "Each household answers once. Your answers are anonymous: nobody can see "
                "which answers are yours."
            ),
            form_title=_("Questionnaire"),
            form_intro=_(
                "Tick a box like this: [X]. Questions with * need an answer. Keep the code "
                "at the top of each page: it counts your answers once."
            ),
            form_end=_("Thank you! Give this form back to us, with the code on it."),
            footer=f"{self.organisation} · {subject}",
            tick_one=_("Tick one box."),
            tick_many=_("Tick all that apply."),
            tick_at_most=_("Tick at most %(n)s boxes."),
            write_number=_("Write a number."),
            write_between=_("Write a number from %(low)s to %(high)s."),
            rating=_("0 = very bad, 10 = very good"),
            other=_("Other, namely:"),
            page=_("Code %(code)s · page %(page)s"),
        )


class SurveyLetter:
    """One household's letter and paper form."""

    def __init__(self, layout: Layout, recipient: Recipient) -> None:
        self.layout = layout
        self.r = recipient

    def draw(self, canvas: Canvas) -> None:
        r = self.r
        words = self.layout.words(letter_language(r.language), r.estate_name)
        shown = codes.display(r.code)
        self._letter_page(canvas, words, shown)
        canvas.showPage()
        language = form_language(self.layout.definition.languages, r.language)
        FormPages(canvas, self.layout.definition, words, shown, language).draw()

    def _letter_page(self, canvas: Canvas, words: Words, shown: str) -> None:
        r = self.r
        page = pdf.Page(canvas, footer=words.footer)
        page.lines(self.layout.organisation, size=12, bold=True)
        page.lines(r.estate_name, size=10)
        # The address block, where a window envelope shows it.
        street = f"{r.street} {r.number}".strip()
        if r.unit:
            street = f"{street} / {r.unit}"
        canvas.setFont(page.regular, 11)
        y = pdf.PAGE_HEIGHT - 50 * mm
        for line in (r.name, street, f"{r.postcode} {r.city}".strip()):
            canvas.drawString(pdf.MARGIN + 95 * mm, y, pdf.printable(line))
            y -= 15
        page.y = pdf.PAGE_HEIGHT - 85 * mm
        page.lines(words.subject, size=14, bold=True)
        page.gap(6)
        page.lines(words.dear)
        for paragraph in words.body:
            page.gap(4)
            page.lines(paragraph)
        # The code, the address to type and the QR code, in a box.
        page.gap(10)
        top = page.y
        height = 52 * mm
        canvas.roundRect(pdf.MARGIN, top - height, pdf.TEXT_WIDTH, height, 3 * mm)
        qr_size = 44 * mm
        page.qr(
            links.qr_url(r.estate_slug, r.code),
            pdf.PAGE_WIDTH - pdf.MARGIN - qr_size - 4 * mm,
            top - height + 4 * mm,
            qr_size,
        )
        inner = pdf.TEXT_WIDTH - qr_size - 12 * mm
        page.y = top - 4 * mm
        page.lines(words.code_label, size=11, indent=6 * mm, width=inner)
        page.gap(8)
        page.lines(shown, size=34, bold=True, indent=6 * mm, width=inner + 6 * mm, leading=36)
        page.gap(8)
        page.lines(words.address_label, size=10, indent=6 * mm, width=inner)
        page.lines(links.typed_address(r.estate_slug), size=13, bold=True, indent=6 * mm,
                   width=inner + 6 * mm)  # fmt: skip
        page.y = top - height - 6 * mm
        page.lines(words.how, size=12, bold=True)
        for way in words.ways:
            page.gap(2)
            page.lines(f"•  {way}", indent=2 * mm)
        page.gap(8)
        page.lines(words.promise, size=10)


class FormPages:
    """The paper questionnaire: sections and questions with tick boxes and lines to write
    on, the code in the header of every page."""

    BOX = 4 * mm

    def __init__(
        self, canvas: Canvas, definition: SurveyDef, words: Words, code: str, language: str
    ) -> None:
        self.canvas = canvas
        self.d = definition
        self.words = words
        self.code = code
        self.language = language
        self.number = 0
        self.page_no = 0
        self.page = self._new_page()

    def _new_page(self) -> pdf.Page:
        self.page_no += 1
        header = self.words.page % {"code": self.code, "page": self.page_no}
        return pdf.Page(self.canvas, header=header, footer=self.words.footer)

    def _room(self, needed: float) -> pdf.Page:
        if self.page.room < needed:
            self.canvas.showPage()
            self.page = self._new_page()
        return self.page

    def draw(self) -> None:
        lang = self.language
        page = self.page
        page.lines(self.words.form_title, size=16, bold=True)
        page.lines(_text(self.d.title, lang), size=12, bold=True)
        intro = _text(self.d.intro, lang)
        if intro:
            page.gap(4)
            page.lines(intro, size=10)
        page.gap(4)
        page.lines(self.words.form_intro, size=9)
        for section in self.d.sections:
            title = section.text(lang)
            if title:
                self._room(60).gap(10)
                self.page.lines(title, size=13, bold=True)
            for q in section.questions:
                self.question(q)
        self._room(30).gap(12)
        self.page.lines(self.words.form_end, size=11, bold=True)
        self.canvas.showPage()

    def _label(self, q: QuestionDef) -> str:
        self.number += 1
        star = " *" if q.required else ""
        return f"{self.number}. {q.text(self.language)}{star}"

    def question(self, q: QuestionDef) -> None:
        kind = q.kind
        if kind == QuestionKind.NOTE:
            text = q.text(self.language)
            self._room(self.page.height_of(text, size=10) + 8).gap(6)
            self.page.lines(text, size=10)
            return
        if kind == QuestionKind.GRID:
            self.grid(q)
            return
        label = self._label(q)
        hint = q.hint_text(self.language)
        instruction = self._instruction(q)
        needed = self.page.height_of(label, size=11) + 40
        page = self._room(needed)
        page.gap(10)
        page.lines(label, size=11, bold=True)
        for extra in (hint, instruction):
            if extra:
                page.lines(extra, size=9)
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE5):
            options = [c.text(self.language) for c in q.choices if c.value != OTHER]
            self.boxes(options)
            if q.allow_other or any(c.value == OTHER for c in q.choices):
                page = self._room(20)
                page.gap(16)
                self.canvas.rect(pdf.MARGIN + 2 * mm, page.y, self.BOX, self.BOX)
                self.canvas.setFont(page.regular, 10)
                self.canvas.drawString(
                    pdf.MARGIN + 8 * mm, page.y + 1, pdf.printable(self.words.other)
                )
                page.write_line(pdf.MARGIN + 45 * mm, page.y, pdf.TEXT_WIDTH - 45 * mm)
        elif kind == QuestionKind.RATING10:
            self.boxes([str(i) for i in range(11)], inline=True)
        elif kind == QuestionKind.NUMBER:
            page = self._room(20)
            page.gap(18)
            self.canvas.rect(pdf.MARGIN + 2 * mm, page.y - 2, 35 * mm, 8 * mm)
        else:
            rows = 1 if kind == QuestionKind.SHORT_TEXT else 4
            for _row in range(rows):
                page = self._room(20)
                page.gap(18)
                page.write_line(pdf.MARGIN + 2 * mm, page.y, pdf.TEXT_WIDTH - 2 * mm)

    def _instruction(self, q: QuestionDef) -> str:
        w = self.words
        if q.kind in (QuestionKind.SINGLE, QuestionKind.SCALE5):
            return w.tick_one
        if q.kind == QuestionKind.MULTIPLE:
            return w.tick_at_most % {"n": q.max_choices} if q.max_choices else w.tick_many
        if q.kind == QuestionKind.RATING10:
            return f"{w.tick_one} {w.rating}"
        if q.kind == QuestionKind.NUMBER:
            low, high = q.bounds
            if low is not None and high is not None:
                return w.write_between % {"low": _number(low), "high": _number(high)}
            return w.write_number
        return ""

    def boxes(self, options: list[str], *, inline: bool = False) -> None:
        """Tick boxes: on one line when they fit, else one under the other."""
        page = self.page
        font, size = page.regular, 10
        widths = [self.canvas.stringWidth(pdf.printable(o), font, size) for o in options]
        gap = 7 * mm
        one_line = inline or sum(w + self.BOX + 2 * mm + gap for w in widths) <= pdf.TEXT_WIDTH
        if one_line:
            page = self._room(22)
            page.gap(16)
            x = pdf.MARGIN + 2 * mm
            self.canvas.setFont(font, size)
            for option, width in zip(options, widths, strict=True):
                self.canvas.rect(x, page.y, self.BOX, self.BOX)
                self.canvas.drawString(x + self.BOX + 1.5 * mm, page.y + 1, pdf.printable(option))
                x += self.BOX + 2 * mm + width + gap
            return
        for option in options:
            page = self._room(18)
            page.gap(15)
            self.canvas.rect(pdf.MARGIN + 2 * mm, page.y, self.BOX, self.BOX)
            self.canvas.setFont(font, size)
            self.canvas.drawString(pdf.MARGIN + 8 * mm, page.y + 1, pdf.printable(option))

    def grid(self, q: QuestionDef) -> None:
        """A grid: the shared scale as column heads, one line of boxes per row."""
        lang = self.language
        heads = [c.text(lang) for c in q.choices]
        label_width = 70 * mm
        column = (pdf.TEXT_WIDTH - label_width) / max(1, len(heads))
        intro = q.text(lang)

        def head() -> None:
            page = self.page
            page.gap(4)
            top = page.y
            lowest = top
            for i, text in enumerate(heads):
                page.y = top
                page.lines(text, size=7, indent=label_width + i * column, width=label_width +
                           (i + 1) * column - 1 * mm, leading=8)  # fmt: skip
                lowest = min(lowest, page.y)
            page.y = lowest

        page = self._room(70)
        page.gap(10)
        if intro:
            page.lines(intro, size=11, bold=True)
            page.lines(self.words.tick_one, size=9)
        head()
        for row in q.rows:
            label = self._label(row)
            height = self.page.height_of(label, size=10, width=label_width - 2 * mm) + 8
            if self.page.room < height:
                self.canvas.showPage()
                self.page = self._new_page()
                head()
            page = self.page
            page.gap(6)
            top = page.y
            page.lines(label, size=10, width=label_width - 2 * mm)
            for i in range(len(heads)):
                x = pdf.MARGIN + label_width + i * column + (column - self.BOX) / 2
                self.canvas.rect(x, top - 12, self.BOX, self.BOX)
            page.y = min(page.y, top - 14)


def _text(texts: dict, language: str) -> str:
    from wijkpunt.surveys.texts import text_in

    return text_in(texts, language)


def _number(value: Any) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
