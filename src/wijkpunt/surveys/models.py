"""Resident surveys: definitions (survey, sections, questions, choices), waves with their
roster of single-use codes, and the anonymous answers.

Texts a respondent reads are stored per language as ``{"nl-be": "…", "fr": "…"}`` (see
``wijkpunt.surveys.texts``). Anonymity (docs/surveys-anonymity.md): a ``Response`` knows its
wave, estate and building and nothing else about who gave it; a ``SurveyCode`` knows its
household and whether it was used, and through which channel — never when."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The smallest group whose figures may ever be shown. A wave may raise it, never lower it.
MIN_GROUP_FLOOR = 5


def default_languages() -> list[str]:
    return ["nl-be"]


class Language(models.Model):
    """A language surveys can be offered in. Dutch, French and English come with Wijkpunt;
    an administrator adds others (e.g. Arabic, Turkish) as data."""

    code = models.CharField(
        _("code"), max_length=12, unique=True, help_text=_("e.g. nl-be, fr, en, ar, tr")
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("e.g. Arabic"))
    native_name = models.CharField(
        _("name in the language itself"), max_length=60, help_text=_("e.g. العربية")
    )
    right_to_left = models.BooleanField(_("written right to left"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("survey language")
        verbose_name_plural = _("survey languages")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.native_name or self.name


class Survey(models.Model):
    """A questionnaire. Its questions lock once it has answers; a new version is a copy."""

    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    thanks = models.JSONField(_("thank-you text"), default=dict, blank=True)
    languages = models.JSONField(
        _("languages"),
        default=default_languages,
        help_text=_("The languages the survey is offered in; the first is the main one."),
    )
    form_id = models.SlugField(
        _("form id"), max_length=100, blank=True, help_text=_("The XLSForm form_id.")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("organisation"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("made from"),
    )
    archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        from wijkpunt.surveys.texts import text_in

        return text_in(self.title, self.main_language) or f"#{self.pk}"

    @property
    def main_language(self) -> str:
        return self.languages[0] if self.languages else "nl-be"

    @property
    def is_locked(self) -> bool:
        """Questions lock once the survey has answers (a used code in any wave)."""
        return SurveyCode.objects.filter(wave__survey=self, used=True).exists()


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.SlugField(_("name"), max_length=64)
    title = models.JSONField(_("title"), default=dict, blank=True)
    show_if = models.JSONField(_("show if"), default=dict, blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="survey_section_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE5 = "scale5", _("5-point scale")
    RATING10 = "rating10", _("Rating 0–10")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    GRID = "grid", _("Grid of scale questions")
    NOTE = "note", _("Note (no answer)")


# Kinds whose answer is one of the question's choices / several of them / a number.
CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE5})
NUMERIC_KINDS = frozenset({QuestionKind.RATING10, QuestionKind.NUMBER})
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})


class Question(models.Model):
    """One question. A grid is a question whose ``rows`` are scale questions sharing the
    grid's choices; a row has ``grid`` set and no choices of its own."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    grid = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rows",
        verbose_name=_("grid"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.SlugField(
        _("name"), max_length=64, help_text=_("Short identifier, e.g. q_service_speed.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    label = models.JSONField(_("question"), default=dict)
    hint = models.JSONField(_("hint"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=False)
    show_if = models.JSONField(
        _("show if"),
        default=dict,
        blank=True,
        help_text=_("Conditions on earlier answers (see wijkpunt.surveys.conditions)."),
    )
    # multiple choice
    max_choices = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)
    allow_other = models.BooleanField(_("'other, namely' with a text field"), default=False)
    # 5-point scale
    show_faces = models.BooleanField(
        _("show as faces"),
        default=False,
        help_text=_("Faces next to the words, for readers with little Dutch."),
    )
    # number
    min_value = models.DecimalField(
        _("lowest"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    whole_number = models.BooleanField(_("whole numbers only"), default=True)
    # what the results are about, for "you said, we did" (e.g. "repairs", "community work")
    theme = models.CharField(_("theme"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="survey_question_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValidationError({"max_value": _("The highest value is below the lowest.")})


class Choice(models.Model):
    """An answer option. For a 5-point scale the options carry a score 1–5, and "no opinion"
    has no score (it is counted, but not in the mean)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    value = models.CharField(_("value"), max_length=64)
    label = models.JSONField(_("label"), default=dict)
    score = models.SmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="survey_choice_unique_value")
        ]

    def __str__(self) -> str:
        return self.value


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Wave(models.Model):
    """One round of a survey in some estates or buildings. Its roster is the households
    living there on the opening date; each gets one single-use code."""

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="waves", verbose_name=_("survey")
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Spring 2026"))
    status = models.CharField(
        _("status"), max_length=10, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    estates = models.ManyToManyField(
        "housing.Estate", blank=True, related_name="survey_waves", verbose_name=_("estates")
    )
    buildings = models.ManyToManyField(
        "housing.Building",
        blank=True,
        related_name="survey_waves",
        verbose_name=_("buildings"),
        help_text=_("Only these buildings (leave empty for the whole estates)."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    min_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=MIN_GROUP_FLOOR,
        validators=[MinValueValidator(MIN_GROUP_FLOOR)],
        help_text=_("Figures of groups with fewer answers are not shown (never below 5)."),
    )
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=MIN_GROUP_FLOOR),
                name="wave_min_group_floor",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="wave_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.name}"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The wave closes before it opens.")})


class Channel(models.TextChoices):
    ONLINE = "online", _("Online with the code")
    PORTAL = "portal", _("Online in the portal")
    PAPER = "paper", _("Paper form")
    DOOR = "door", _("Door to door")


class SurveyCode(models.Model):
    """The single-use code of one household in one wave. It knows *whether* it was used and
    through which channel — never when, and nothing about the answer."""

    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="codes", verbose_name=_("wave")
    )
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        related_name="survey_codes",
        verbose_name=_("household"),
    )
    # Where the household lived on the opening date: the denominator of the response rates.
    estate = models.ForeignKey(
        "housing.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    building = models.ForeignKey(
        "housing.Building",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("building"),
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    language = models.CharField(_("letter language"), max_length=12, default="nl-be")
    used = models.BooleanField(_("used"), default=False)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("survey code")
        verbose_name_plural = _("survey codes")
        constraints = [
            models.UniqueConstraint(fields=["wave", "household"], name="surveycode_one_per_wave"),
            models.CheckConstraint(
                condition=models.Q(used=False, channel="")
                | models.Q(used=True) & ~models.Q(channel=""),
                name="surveycode_channel_iff_used",
            ),
        ]
        indexes = [models.Index(fields=["wave", "used"], name="surveycode_wave_used")]

    def __str__(self) -> str:
        return self.code


class Ballot(models.Model):
    """An answer waiting in the ballot box of an open wave. Ballots move to ``Response`` in
    shuffled batches (``actions.mix_ballots``), so neither the order nor the moment of an
    answer survives. Random id, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("wave")
    )
    estate = models.ForeignKey(
        "housing.Estate", on_delete=models.PROTECT, related_name="+", verbose_name=_("estate")
    )
    building = models.ForeignKey(
        "housing.Building", on_delete=models.PROTECT, related_name="+", verbose_name=_("building")
    )
    language = models.CharField(_("language"), max_length=12)
    answers = models.JSONField(_("answers"), default=dict)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.pk)


class Response(models.Model):
    """One household's anonymous answers. Random id; no household, code, account, address,
    channel or time; estate and building only where enough households answered (a building
    with fewer answers than the wave's smallest group keeps only its estate)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="responses", verbose_name=_("wave")
    )
    estate = models.ForeignKey(
        "housing.Estate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("estate"),
    )
    building = models.ForeignKey(
        "housing.Building",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    language = models.CharField(_("language"), max_length=12)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["wave", "estate", "building"], name="response_group")]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One answer to one question, in a form the database can count: a choice value (one row
    per ticked choice of a multiple choice), a number, or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    choice = models.CharField(_("choice"), max_length=64, blank=True)
    number = models.DecimalField(
        _("number"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "choice"], name="answer_question_choice")]

    def __str__(self) -> str:
        return self.choice or (str(self.number) if self.number is not None else self.text[:40])
