"""Every write of the survey capability: waves, codes, answers, the ballot box.

Anonymity (docs/surveys-anonymity.md) is made here:

- ``submit`` marks the code used (with its channel, never a time) and drops the cleaned
  answers into the wave's ballot box — one transaction, so a code counts once and an answer
  is never lost. Nothing is logged about the code or the answer.
- ``mix_ballots`` empties the ballot box into ``Response`` rows in a random order, in one
  transaction, only when enough ballots wait and only ballots of buildings where at least the
  wave's smallest group has answered; it rewrites the wave's code rows in the same
  transaction, so no trace in the database tells which code was used when.
- ``close_wave`` mixes what is left and keeps a building (or estate) on a response only where
  at least the smallest group answered.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkpunt.outreach.audience import Audience
from wijkpunt.surveys import codes, workflow
from wijkpunt.surveys.definition import OTHER, SurveyDef
from wijkpunt.surveys.models import (
    Answer,
    Ballot,
    Channel,
    QuestionKind,
    Response,
    SurveyCode,
    Wave,
    WaveStatus,
)

_shuffle = random.SystemRandom().shuffle


class CodeRefused(ValueError):
    """A code that cannot be used: unknown, already used, or of a wave that is not open.
    ``reason`` is one of ``unknown``, ``used``, ``closed``, ``not_open``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


# -- waves ----------------------------------------------------------------------------------


def audience_of(wave: Wave, *, on: dt.date | None = None) -> Audience:
    """The households a wave reaches: of its buildings when it names any, else its estates."""
    buildings = list(wave.buildings.values_list("pk", flat=True))
    if buildings:
        return Audience.of(on=on or wave.opens_on, buildings=buildings)
    return Audience.of(on=on or wave.opens_on, estates=wave.estates.values_list("pk", flat=True))


@transaction.atomic
def open_wave(*, wave: Wave, by=None, today: dt.date | None = None) -> int:
    """Open a wave: its roster is the households living in its estates or buildings on the
    opening date (today if it opens earlier), each with one new single-use code. Returns the
    number of codes."""
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    workflow.check_transition(wave.status, WaveStatus.OPEN)
    today = today or timezone.localdate()
    if wave.opens_on < today:
        wave.opens_on = today
    if wave.closes_on < wave.opens_on:
        raise workflow.TransitionError(_("The wave's closing date has passed."))
    members = list(audience_of(wave).members())
    if not members:
        raise workflow.TransitionError(_("Nobody lives in these estates or buildings then."))
    made = _new_codes(len(members))
    SurveyCode.objects.bulk_create(
        [
            SurveyCode(
                wave=wave,
                household_id=m.household_id,
                estate_id=m.estate_id,
                building_id=m.building_id,
                code=code,
                language=m.language,
            )
            for m, code in zip(members, made, strict=True)
        ],
        batch_size=1000,
    )
    wave.status = WaveStatus.OPEN
    wave.save(update_fields=["status", "opens_on"])
    return len(members)


def _new_codes(n: int) -> list[str]:
    """``n`` codes used by no wave yet."""
    made: set[str] = set()
    while len(made) < n:
        batch = {codes.new_code() for _ in range(n - len(made))} - made
        taken = set(SurveyCode.objects.filter(code__in=batch).values_list("code", flat=True))
        made |= batch - taken
    return list(made)


@transaction.atomic
def close_wave(*, wave: Wave, by=None) -> None:
    wave = Wave.objects.select_for_update().get(pk=wave.pk)
    workflow.check_transition(wave.status, WaveStatus.CLOSED)
    wave.status = WaveStatus.CLOSED
    wave.save(update_fields=["status"])
    mix_ballots(wave=wave, final=True)
    rewrite_in_random_order(wave=wave)
    wave_id = wave.pk
    transaction.on_commit(lambda: _warm_results(wave_id))


def _warm_results(wave_id: int) -> None:
    """Compute and cache the closed wave's figures, so the first results page is fast."""
    from wijkpunt.surveys import results

    results.warm(wave_id)


# -- answering ------------------------------------------------------------------------------


def find_code(typed: str) -> SurveyCode:
    """The code a person typed, if it can still be used; CodeRefused otherwise."""
    value = codes.normalise(typed)
    code = (
        SurveyCode.objects.select_related("wave", "wave__survey").filter(code=value).first()
        if codes.looks_like_a_code(value)
        else None
    )
    if code is None:
        raise CodeRefused("unknown", _("We do not know this code. Check the letter and try again."))
    _check_usable(code)
    return code


def _check_usable(code: SurveyCode) -> None:
    wave = code.wave
    if code.used:
        raise CodeRefused(
            "used", _("This code has already been used: each household answers once.")
        )
    if wave.status == WaveStatus.DRAFT:
        raise CodeRefused("not_open", _("This survey has not started yet."))
    if wave.status == WaveStatus.CLOSED:
        raise CodeRefused("closed", _("This survey is closed. Thank you for your interest."))


def submit(*, code: SurveyCode, channel: str, answers: dict[str, Any], language: str) -> None:
    """Use ``code`` for ``answers`` (already cleaned by ``answers.clean``) through ``channel``.

    Raises CodeRefused when the code was used meanwhile (a paper form entered twice, the
    same letter answered online and at the door): nothing is saved then."""
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    with transaction.atomic():
        locked = SurveyCode.objects.select_for_update().select_related("wave").get(pk=code.pk)
        _check_usable(locked)
        updated = SurveyCode.objects.filter(pk=locked.pk, used=False).update(
            used=True, channel=channel
        )
        if updated != 1:  # pragma: no cover - the row lock makes this impossible
            raise CodeRefused("used", _("This code has already been used."))
        Ballot.objects.create(
            wave_id=locked.wave_id,
            estate_id=locked.estate_id,
            building_id=locked.building_id,
            language=language,
            answers=answers,
        )
        wave_id = locked.wave_id
    transaction.on_commit(lambda: mix_ballots(wave=Wave.objects.get(pk=wave_id)))


# -- the ballot box -------------------------------------------------------------------------


def mix_ballots(*, wave: Wave, final: bool = False) -> int:
    """Move waiting ballots of ``wave`` into anonymous responses, shuffled. Returns how many.

    While the wave is open, a ballot moves only once its building has at least the wave's
    smallest group of used codes (so a building's responses always stand among that many
    households), and only when at least that many ballots can move together. ``final`` (at
    closing) moves every ballot, keeping a building or estate on a response only where at
    least the smallest group answered."""
    from wijkpunt.surveys.definition import load

    with transaction.atomic():
        wave = Wave.objects.select_for_update().select_related("survey").get(pk=wave.pk)
        k = wave.min_group_size
        ballots = list(Ballot.objects.filter(wave=wave))
        if not ballots:
            return 0
        used = Counter(
            dict(
                SurveyCode.objects.filter(wave=wave, used=True)
                .values_list("building_id")
                .annotate(n=Count("pk"))
                .values_list("building_id", "n")
            )
        )
        if final:
            used_estates = Counter(
                dict(
                    SurveyCode.objects.filter(wave=wave, used=True)
                    .values_list("estate_id")
                    .annotate(n=Count("pk"))
                    .values_list("estate_id", "n")
                )
            )
            moving = ballots
        else:
            moving = [b for b in ballots if used[b.building_id] >= k]
            if len(moving) < k:
                return 0
        _shuffle(moving)
        definition = load(wave.survey)
        responses: list[Response] = []
        rows: list[Answer] = []
        for ballot in moving:
            estate_id: int | None = ballot.estate_id
            building_id: int | None = ballot.building_id
            if final:
                if used_estates[ballot.estate_id] < k:
                    estate_id = building_id = None
                elif used[ballot.building_id] < k:
                    building_id = None
            response = Response(
                wave_id=wave.pk,
                estate_id=estate_id,
                building_id=building_id,
                language=ballot.language,
            )
            responses.append(response)
            rows.extend(answer_rows(definition, response, ballot.answers))
        Response.objects.bulk_create(responses, batch_size=1000)
        Answer.objects.bulk_create(rows, batch_size=2000)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA secure_delete = ON")
        Ballot.objects.filter(pk__in=[b.pk for b in moving]).delete()
        # Rewrite every code row of the wave: all now carry this transaction's traces, so the
        # order in which codes were used cannot be read from the database afterwards.
        SurveyCode.objects.filter(wave=wave).update(used=F("used"))
        return len(moving)


def rewrite_in_random_order(*, wave: Wave) -> None:
    """At closing, inside the closing transaction: write every response and answer of ``wave``
    again, in a random order, and touch every code row. While a wave is open its ballots move
    in batches, so the physical order of the rows (SQLite's rowid, PostgreSQL's ctid) and
    PostgreSQL's transaction id (xmin) would tell which batch — which period — a response came
    in; afterwards all rows of the wave carry the closing transaction and a random order.
    Ids stay the same: rows of other tables that point at a response keep pointing at it
    (foreign keys are checked at commit). Old row versions stay in PostgreSQL's files until
    it vacuums the table (docs/surveys-anonymity.md)."""
    quote = connection.ops.quote_name
    responses, answers = Response._meta.db_table, Answer._meta.db_table
    response_columns = ", ".join(quote(f.column) for f in Response._meta.concrete_fields)
    answer_columns = ", ".join(quote(f.column) for f in Answer._meta.concrete_fields)
    key = "gen_random_uuid()" if connection.vendor == "postgresql" else "randomblob(16)"
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA secure_delete = ON")
        # noqa comments: table and column names come from the models, the wave id is a param.
        cursor.execute(
            f"CREATE TEMPORARY TABLE surveys_mix_response AS SELECT {response_columns}, "  # noqa: S608
            f"{key} AS mix_key FROM {quote(responses)} WHERE wave_id = %s",
            [wave.pk],
        )
        picked = ", ".join(f"a.{quote(f.column)}" for f in Answer._meta.concrete_fields)
        cursor.execute(
            f"CREATE TEMPORARY TABLE surveys_mix_answer AS SELECT {picked}, "  # noqa: S608
            f"{key} AS mix_key FROM {quote(answers)} a "
            "WHERE a.response_id IN (SELECT id FROM surveys_mix_response)"
        )
        cursor.execute(
            f"DELETE FROM {quote(answers)} WHERE response_id IN "  # noqa: S608
            "(SELECT id FROM surveys_mix_response)"
        )
        cursor.execute(f"DELETE FROM {quote(responses)} WHERE wave_id = %s", [wave.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {quote(responses)} ({response_columns}) "  # noqa: S608
            f"SELECT {response_columns} FROM surveys_mix_response ORDER BY mix_key"
        )
        cursor.execute(
            f"INSERT INTO {quote(answers)} ({answer_columns}) "  # noqa: S608
            f"SELECT {answer_columns} FROM surveys_mix_answer ORDER BY mix_key"
        )
        cursor.execute("DROP TABLE surveys_mix_answer")
        cursor.execute("DROP TABLE surveys_mix_response")
    SurveyCode.objects.filter(wave=wave).update(used=F("used"))


def answer_rows(definition: SurveyDef, response: Response, answers: dict[str, Any]) -> list[Answer]:
    """The countable rows of one response's cleaned answers."""
    out: list[Answer] = []
    for q in definition.questions():
        value: Any = answers.get(q.name)
        if value is None or value in ("", []):
            continue
        if q.kind == QuestionKind.MULTIPLE:
            for choice in value:
                text = answers.get(f"{q.name}:{OTHER}", "") if choice == OTHER else ""
                out.append(Answer(response=response, question_id=q.pk, choice=choice, text=text))
        elif q.kind in (QuestionKind.SINGLE, QuestionKind.SCALE5):
            text = answers.get(f"{q.name}:{OTHER}", "") if value == OTHER else ""
            out.append(Answer(response=response, question_id=q.pk, choice=str(value), text=text))
        elif q.kind in (QuestionKind.RATING10, QuestionKind.NUMBER):
            out.append(Answer(response=response, question_id=q.pk, number=Decimal(str(value))))
        else:
            out.append(Answer(response=response, question_id=q.pk, text=str(value)))
    return out


__all__ = [
    "CodeRefused",
    "answer_rows",
    "audience_of",
    "close_wave",
    "find_code",
    "mix_ballots",
    "open_wave",
    "rewrite_in_random_order",
    "submit",
]
