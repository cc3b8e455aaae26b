"""The figures of a wave: per question counts and percentages, mean and median, number of
answers, for the whole wave and per estate and building — with small groups suppressed
(``suppression``).

The database does the counting: three GROUP BY queries per wave, whatever the number of
responses (the responses per estate and building; the answers per question, choice or number,
estate and building; the respondents per multiple-choice question, estate and building).
Python then only adds up these cells into groups and walks the tree of groups, never the
answers themselves.

A closed wave's answers never change, so its figures (after suppression) are kept in Django's
cache under the wave and ``VERSION``; ``warm`` fills it right after a wave closes. Results are
only ever shown for closed waves (ADR 9: while a wave is open staff see response rates)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count

from wijkpunt.surveys import suppression
from wijkpunt.surveys.definition import OTHER, QuestionDef, SurveyDef, load
from wijkpunt.surveys.models import (
    MIN_GROUP_FLOOR,
    TEXT_KINDS,
    Answer,
    QuestionKind,
    Response,
    Wave,
    WaveStatus,
)

# Bump when the shape of the cached figures changes.
VERSION = 1
CACHE_SECONDS = 60 * 60 * 24 * 30

# A group: ("wave",), ("estate", estate_id or None), ("building", estate_id, building_id or
# None). None marks the responses whose estate or building was emptied at closing.
Group = tuple
WAVE: Group = ("wave",)
Cell = tuple[int | None, int | None]  # (estate_id, building_id) of responses

COUNTED_KINDS = frozenset(
    {
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.SCALE5,
        QuestionKind.RATING10,
        QuestionKind.NUMBER,
    }
)
MEAN_KINDS = frozenset({QuestionKind.SCALE5, QuestionKind.RATING10, QuestionKind.NUMBER})


def estate_group(estate_id: int | None) -> Group:
    return ("estate", estate_id)


def building_group(estate_id: int | None, building_id: int | None) -> Group:
    return ("building", estate_id, building_id)


def group_of_cell(level: str, cell: Cell) -> Group:
    estate_id, building_id = cell
    if level == "wave":
        return WAVE
    if level == "estate":
        return estate_group(estate_id)
    return building_group(estate_id, building_id) if estate_id is not None else ("none",)


def group_slug(group: Group) -> str:
    """The group as it is written in an address (``?groep=``)."""
    if group == WAVE:
        return "wave"
    if group[0] == "estate" and group[1] is not None:
        return f"estate-{group[1]}"
    if group[0] == "building" and group[2] is not None:
        return f"building-{group[2]}"
    return ""


# -- the raw cells: what the database counts ------------------------------------------------


@dataclass
class Cells:
    """Counts per (estate, building) cell, straight from the database."""

    sizes: dict[Cell, int] = field(default_factory=dict)
    # question pk → cell → value (choice, or number as text) → count
    hist: dict[int, dict[Cell, dict[str, int]]] = field(default_factory=dict)
    # question pk → cell → respondents (for multiple choice: distinct responses)
    answered: dict[int, dict[Cell, int]] = field(default_factory=dict)


def count_cells(wave: Wave, definition: SurveyDef) -> Cells:
    questions = definition.questions()
    counted = [q.pk for q in questions if q.kind in COUNTED_KINDS or q.kind in TEXT_KINDS]
    multiple = [q.pk for q in questions if q.kind == QuestionKind.MULTIPLE]
    texts = [q.pk for q in questions if q.kind in TEXT_KINDS]
    cells = Cells()
    for estate_id, building_id, n in (
        Response.objects.filter(wave=wave)
        .values_list("estate_id", "building_id")
        .annotate(n=Count("id"))
        .values_list("estate_id", "building_id", "n")
        .order_by()
    ):
        cells.sizes[(estate_id, building_id)] = n
    hist: dict[int, dict[Cell, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    answered: dict[int, dict[Cell, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        Answer.objects.filter(response__wave=wave, question_id__in=counted)
        .exclude(question_id__in=texts)
        .values_list(
            "question_id", "choice", "number", "response__estate_id", "response__building_id"
        )
        .annotate(n=Count("id"))
        .values_list(
            "question_id", "choice", "number", "response__estate_id", "response__building_id", "n"
        )
        .order_by()
    )
    is_multiple = set(multiple)
    for qid, choice, number, estate_id, building_id, n in rows:
        value = choice if number is None else _number_text(number)
        cell = (estate_id, building_id)
        hist[qid][cell][value] = hist[qid][cell].get(value, 0) + n
        if qid not in is_multiple:
            answered[qid][cell] += n
    # Respondents of multiple-choice and text questions: distinct responses.
    if multiple or texts:
        for qid, estate_id, building_id, n in (
            Answer.objects.filter(response__wave=wave, question_id__in=[*multiple, *texts])
            .values_list("question_id", "response__estate_id", "response__building_id")
            .annotate(n=Count("response_id", distinct=True))
            .values_list("question_id", "response__estate_id", "response__building_id", "n")
            .order_by()
        ):
            answered[qid][(estate_id, building_id)] = n
    cells.hist = {q: dict(v) for q, v in hist.items()}
    cells.answered = {q: dict(v) for q, v in answered.items()}
    return cells


def _number_text(number: Decimal) -> str:
    text = format(Decimal(number).normalize(), "f")
    return text


# -- figures per group ----------------------------------------------------------------------


@dataclass
class ChoiceFigure:
    value: str
    count: int | None  # None: masked ("< k" or hidden, see ``masked``)
    percent: float | None
    masked: str = ""  # "" | "small" (fewer than k) | "hidden" (hidden to protect another)


@dataclass
class QuestionFigures:
    pk: int
    name: str
    kind: str
    answered: int | None  # None: the group is suppressed for this question
    choices: list[ChoiceFigure] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None

    @property
    def shown(self) -> bool:
        return self.answered is not None


@dataclass
class GroupFigures:
    group: Group
    responses: int | None  # None: suppressed
    questions: dict[int, QuestionFigures] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.responses is not None


@dataclass
class WaveFigures:
    """Everything the results pages show of one closed wave, suppression applied."""

    wave_id: int
    k: int
    groups: dict[Group, GroupFigures]
    estates: list[int]  # estate ids with a group of their own, shown or not
    buildings: dict[int, list[int]]  # estate id → building ids
    # question pk → groups whose open answers may be listed
    open_groups: dict[int, list[Group]] = field(default_factory=dict)

    def group(self, group: Group) -> GroupFigures | None:
        return self.groups.get(group)

    def shown_groups(self) -> list[Group]:
        return [g for g, f in self.groups.items() if f.shown]


def _sum_cells(per_cell: dict[Cell, Any], cells: list[Cell]) -> int:
    return sum(per_cell.get(c, 0) for c in cells)


def _hist_of(per_cell: dict[Cell, dict[str, int]], cells: list[Cell]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for c in cells:
        for value, n in per_cell.get(c, {}).items():
            out[value] += n
    return dict(out)


def mean_median(hist: dict[float, int]) -> tuple[float | None, float | None]:
    """Mean and median of a distribution given as value → count."""
    total = sum(hist.values())
    if not total:
        return None, None
    mean = sum(v * n for v, n in hist.items()) / total
    ordered = sorted(hist.items())

    def nth(i: int) -> float:
        seen = 0
        for value, n in ordered:
            seen += n
            if i < seen:
                return value
        return ordered[-1][0]  # pragma: no cover

    median = nth(total // 2) if total % 2 else (nth(total // 2 - 1) + nth(total // 2)) / 2
    return round(mean, 2), median


def _scores(q: QuestionDef, hist: dict[str, int]) -> dict[float, int]:
    """The distribution a mean is taken of: a choice's score ("no opinion" has none and is
    left out), or the number itself."""
    out: dict[float, int] = defaultdict(int)
    if q.kind == QuestionKind.SCALE5:
        for value, n in hist.items():
            choice = q.choice(value)
            if choice is not None and choice.score is not None:
                out[float(choice.score)] += n
    else:
        for value, n in hist.items():
            try:
                out[float(value)] += n
            except ValueError:
                continue
    return dict(out)


def choice_values(q: QuestionDef, hist: dict[str, int]) -> list[str]:
    """The values a question's figures list, in the question's order."""
    if q.kind == QuestionKind.RATING10:
        return [str(i) for i in range(11)]
    if q.kind == QuestionKind.NUMBER:
        return []
    values = [c.value for c in q.choices]
    if q.allow_other or OTHER in hist:
        values.append(OTHER)
    values.extend(v for v in hist if v not in values)
    return values


def compute(wave: Wave, definition: SurveyDef | None = None) -> WaveFigures:
    """The figures of ``wave`` from the database, suppression applied (not cached)."""
    definition = definition or load(wave.survey)
    k = max(wave.min_group_size, MIN_GROUP_FLOOR)
    cells = count_cells(wave, definition)
    return build(
        wave.pk, k, definition, cells, wave_estates=list(wave.estates.values_list("pk", flat=True))
    )


def build(
    wave_id: int,
    k: int,
    definition: SurveyDef,
    cells: Cells,
    *,
    wave_estates: list[int] | None = None,
) -> WaveFigures:
    """Add the cells up into groups, suppress, and put the figures together."""
    tree = suppression.tree_of(list(cells.sizes), labelled_estates=wave_estates)
    cells_of = tree.cells_of
    responses_shown = suppression.shown_groups(
        tree, lambda g: _sum_cells(cells.sizes, cells_of[g]), k
    )
    groups: dict[Group, GroupFigures] = {}
    for g in tree.groups():
        if not tree.labelled(g):
            continue
        groups[g] = GroupFigures(
            group=g,
            responses=_sum_cells(cells.sizes, cells_of[g]) if g in responses_shown else None,
        )
    hidden_by_responses = {g for g in tree.groups() if g not in responses_shown}
    open_groups: dict[int, list[Group]] = {}
    for q in definition.questions():
        per_cell = cells.answered.get(q.pk, {})

        def answered_in(g: Group, pc: dict[Cell, int] = per_cell) -> int:
            return _sum_cells(pc, cells_of[g])

        shown = suppression.shown_groups(tree, answered_in, k, forced=hidden_by_responses)
        if q.kind in TEXT_KINDS:
            open_groups[q.pk] = [g for g in tree.groups() if g in shown]
            continue
        if q.kind not in COUNTED_KINDS:
            continue
        hist_cells = cells.hist.get(q.pk, {})
        hists = {g: _hist_of(hist_cells, cells_of[g]) for g in shown}
        values_all = choice_values(q, _hist_of(hist_cells, list(cells.sizes)))
        masked: dict[tuple[Group, str], str] = {}
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            masked = suppression.mask_cells(
                tree,
                shown,
                hists,
                values_all,
                k,
                row_sums=q.kind == QuestionKind.SINGLE,
            )
        if q.allow_other:
            open_groups[q.pk] = [g for g in tree.groups() if g in shown]
        for g, figures in groups.items():
            if g not in shown:
                figures.questions[q.pk] = QuestionFigures(q.pk, q.name, q.kind, None)
                continue
            hist = hists[g]
            answered = _sum_cells(per_cell, cells_of[g])
            qf = QuestionFigures(q.pk, q.name, q.kind, answered)
            for value in values_all:
                state = masked.get((g, value), "")
                count = hist.get(value, 0)
                qf.choices.append(
                    ChoiceFigure(
                        value,
                        None if state else count,
                        None if state or not answered else round(100 * count / answered, 1),
                        state,
                    )
                )
            if q.kind in MEAN_KINDS:
                qf.mean, qf.median = mean_median(_scores(q, hist))
            figures.questions[q.pk] = qf
    buildings: dict[int, list[int]] = defaultdict(list)
    for g in tree.groups():
        if g[0] == "building" and g[2] is not None and g[1] is not None:
            buildings[g[1]].append(g[2])
    return WaveFigures(
        wave_id=wave_id,
        k=k,
        groups=groups,
        estates=[g[1] for g in tree.groups() if g[0] == "estate" and g[1] is not None],
        buildings=dict(buildings),
        open_groups=open_groups,
    )


# -- the cache ------------------------------------------------------------------------------


def cache_key(wave: Wave) -> str:
    return f"surveys:results:v{VERSION}:{wave.pk}:{wave.min_group_size}"


def figures(wave: Wave, definition: SurveyDef | None = None) -> WaveFigures | None:
    """The figures of a closed wave (cached); None for a wave that is not closed."""
    if wave.status != WaveStatus.CLOSED:
        return None
    key = cache_key(wave)
    found = cache.get(key)
    if isinstance(found, WaveFigures):
        return found
    computed = compute(wave, definition)
    cache.set(key, computed, CACHE_SECONDS)
    return computed


def warm(wave_id: int) -> None:
    """Compute and cache a just-closed wave's figures (called after the closing commits)."""
    wave = Wave.objects.select_related("survey").filter(pk=wave_id).first()
    if wave is not None and wave.status == WaveStatus.CLOSED:
        cache.delete(cache_key(wave))
        figures(wave)


def forget(wave: Wave) -> None:
    cache.delete(cache_key(wave))
