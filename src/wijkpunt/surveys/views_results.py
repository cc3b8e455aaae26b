"""Staff pages of a wave's results (``/werk/bevragingen/golven/<pk>/resultaten/``): figures per
question for the whole wave, an estate or a building, charts with tables, the masked open
answers, a comparison, exports, the PDF report and publishing. Thin: the figures come from
``results`` (cached per closed wave), suppression from ``suppression``."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkpunt.audit.actions import record_read
from wijkpunt.audit.models import AuditAction
from wijkpunt.followup import access as followup_access
from wijkpunt.housing.models import Building, Estate
from wijkpunt.surveys import access, actions_results, answering, exports, masking, report, results
from wijkpunt.surveys.definition import OTHER, SurveyDef, load
from wijkpunt.surveys.models import TEXT_KINDS, Answer, Wave, WaveStatus
from wijkpunt.surveys.workflow import TransitionError
from wijkpunt.workspace.access import staff_required

OPEN_PER_PAGE = 25


@dataclass
class GroupOption:
    slug: str
    label: str
    shown: bool
    level: str


def names_of(figures: results.WaveFigures) -> tuple[dict[int, str], dict[int, str]]:
    estates = dict(Estate.objects.filter(pk__in=figures.estates).values_list("pk", "name"))
    building_ids = [b for ids in figures.buildings.values() for b in ids]
    buildings = {
        pk: f"{street} {number}".strip()
        for pk, street, number in Building.objects.filter(pk__in=building_ids).values_list(
            "pk", "street", "number"
        )
    }
    return estates, buildings


def group_options(figures: results.WaveFigures) -> list[GroupOption]:
    estates, buildings = names_of(figures)
    options = [GroupOption("wave", _("The whole wave"), True, "wave")]
    for estate_id in sorted(figures.estates, key=lambda e: estates.get(e, "")):
        eg = results.estate_group(estate_id)
        shown = figures.groups.get(eg) is not None and figures.groups[eg].shown
        options.append(
            GroupOption(results.group_slug(eg), estates.get(estate_id, "?"), shown, "estate")
        )
        for building_id in sorted(
            figures.buildings.get(estate_id, []), key=lambda b: buildings.get(b, "")
        ):
            bg = results.building_group(estate_id, building_id)
            options.append(
                GroupOption(
                    results.group_slug(bg),
                    f"{estates.get(estate_id, '?')} – {buildings.get(building_id, '?')}",
                    figures.groups.get(bg) is not None and figures.groups[bg].shown,
                    "building",
                )
            )
    return options


def group_from_slug(figures: results.WaveFigures, slug: str) -> results.Group:
    for g in figures.groups:
        if results.group_slug(g) == slug:
            return g
    return results.WAVE


def _language(wave: Wave) -> str:
    return answering.choose_language(wave.survey.languages, translation.get_language())


def _open_answers(
    request: HttpRequest,
    wave: Wave,
    definition: SurveyDef,
    figures: results.WaveFigures,
    group: results.Group,
    language: str,
) -> list[dict]:
    """The open answers of the group, masked, in a random but stable order (answer ids are
    random), a page per question."""
    names: set[str] | None = None
    shown = []
    for q in definition.questions():
        if q.pk not in figures.open_groups or group not in figures.open_groups[q.pk]:
            continue
        qs = Answer.objects.filter(question_id=q.pk, response__wave=wave).exclude(text="")
        if q.kind not in TEXT_KINDS:
            qs = qs.filter(choice=OTHER)
        if group[0] == "estate":
            qs = qs.filter(response__estate_id=group[1])
        elif group[0] == "building":
            qs = qs.filter(response__building_id=group[2])
        page = Paginator(qs.order_by("id").values_list("text", flat=True), OPEN_PER_PAGE).get_page(
            request.GET.get(f"p{q.pk}")
        )
        if not page.object_list:
            continue
        if names is None:
            names = masking.estate_names(wave.estates.values_list("pk", flat=True))
        shown.append(
            {
                "question": q.text(language),
                "other": q.kind not in TEXT_KINDS,
                "pk": q.pk,
                "texts": [masking.mask(t, names) for t in page.object_list],
                "page": page,
            }
        )
    return shown


@staff_required()
@require_GET
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "results")
    context: dict = {"wave": wave, "nav_current": "surveys"}
    if wave.status != WaveStatus.CLOSED:
        return render(request, "surveys/results/not_yet.html", context)
    definition = load(wave.survey)
    figures = results.figures(wave, definition)
    assert figures is not None
    group = group_from_slug(figures, request.GET.get("groep", "wave"))
    group_figures = figures.groups.get(group)
    language = _language(wave)
    options = group_options(figures)
    may_open = access.may(request.user, wave, "open_answers")
    open_answers = []
    if may_open and group_figures is not None and group_figures.shown:
        open_answers = _open_answers(request, wave, definition, figures, group, language)
        if open_answers:
            record_read(
                request=request,
                object_type="survey-open-answers",
                object_id=wave.pk,
                household_id=None,  # anonymous answers, masked: no household's record
                purpose="read the masked open answers of a survey wave",
            )
    current = next((o for o in options if o.slug == results.group_slug(group)), options[0])
    context.update(
        {
            "figures": figures,
            "group": group_figures,
            "group_slug": results.group_slug(group),
            "group_label": current.label,
            "options": options,
            "sections": report.present(definition, figures, group_figures, language),
            "open_answers": open_answers,
            "may_open": may_open,
            "may_publish": access.may(request.user, wave, "publish"),
            "may_act": followup_access.may_create(request.user),
            "k": figures.k,
            "compare_waves": _comparable_waves(request.user, wave),
        }
    )
    return render(request, "surveys/results/page.html", context)


def _comparable_waves(user, wave: Wave) -> list[Wave]:
    """Closed waves of the same survey (or form id) the user may see the results of."""
    same = (
        access.visible_waves(user, "results").filter(status=WaveStatus.CLOSED).exclude(pk=wave.pk)
    )
    if wave.survey.form_id:
        same = same.filter(survey__form_id=wave.survey.form_id) | same.filter(survey=wave.survey)
    else:
        same = same.filter(survey=wave.survey)
    return list(same.select_related("survey").distinct().order_by("-opens_on")[:20])


# -- comparison -----------------------------------------------------------------------------


@dataclass
class CompareRow:
    label: str
    a: str
    b: str
    change: str


@dataclass
class CompareQuestion:
    text: str
    a_answered: str
    b_answered: str
    rows: list[CompareRow]
    a_mean: str = ""
    b_mean: str = ""
    mean_change: str = ""


def _pp(a: float | None, b: float | None) -> str:
    """The change from ``a`` to ``b`` in percentage points: "+4.5", "−2.0", "±0.0"."""
    if a is None or b is None:
        return "–"
    diff = round(b - a, 1)
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    return f"{sign}{number_format(abs(diff), decimal_pos=1)}"


def compare_questions(
    left: tuple[SurveyDef, results.WaveFigures, results.GroupFigures | None],
    right: tuple[SurveyDef, results.WaveFigures, results.GroupFigures | None],
    language: str,
) -> list[CompareQuestion]:
    """Questions both sides have (by name), their figures side by side and the change in
    percentage points; a suppressed figure on either side shows no change."""
    ldef, lfig, lgroup = left
    rdef, rfig, rgroup = right
    rqs = {q.name: q for q in rdef.questions()}
    out = []
    for q in ldef.questions():
        other = rqs.get(q.name)
        if other is None or q.kind in TEXT_KINDS or q.kind != other.kind:
            continue
        lq = lgroup.questions.get(q.pk) if lgroup and lgroup.shown else None
        rq = rgroup.questions.get(other.pk) if rgroup and rgroup.shown else None
        lshown = report.present_question(q, lq, lfig.k, language, "a")
        rshown = report.present_question(other, rq, rfig.k, language, "b")
        lchoices = {c.value: c for c in (lq.choices if lq and lq.shown else [])}
        rchoices = {c.value: c for c in (rq.choices if rq and rq.shown else [])}
        values = list(dict.fromkeys([*lchoices, *rchoices]))
        rows = []
        for v in values:
            lc, rc = lchoices.get(v), rchoices.get(v)

            def text(c, k):
                if c is None:
                    return "–"
                if c.masked:
                    return report.masked_text(c.masked, k)
                return f"{report._fmt(c.percent)} %"

            rows.append(
                CompareRow(
                    report.choice_label(q, v, language),
                    text(lc, lfig.k),
                    text(rc, rfig.k),
                    _pp(
                        lc.percent if lc and not lc.masked else None,
                        rc.percent if rc and not rc.masked else None,
                    ),
                )
            )
        cq = CompareQuestion(
            text=q.text(language),
            a_answered=str(lshown.answered) if lshown.shown else "–",
            b_answered=str(rshown.answered) if rshown.shown else "–",
            rows=rows,
            a_mean=lshown.mean or "–",
            b_mean=rshown.mean or "–",
        )
        if lq and rq and lq.mean is not None and rq.mean is not None:
            diff = round(rq.mean - lq.mean, 2)
            cq.mean_change = ("+" if diff > 0 else "") + report._fmt(diff)
        out.append(cq)
    return out


@staff_required()
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "results")
    context: dict = {"wave": wave, "nav_current": "surveys"}
    if wave.status != WaveStatus.CLOSED:
        return render(request, "surveys/results/not_yet.html", context)
    definition = load(wave.survey)
    figures = results.figures(wave, definition)
    assert figures is not None
    language = _language(wave)
    options = [o for o in group_options(figures) if o.level != "building"]
    waves = _comparable_waves(request.user, wave)
    other_wave = None
    error = ""
    met = request.GET.get("met", "")
    if met:
        other_wave = next((w for w in waves if str(w.pk) == met), None)
        if other_wave is None:
            error = _("Choose a closed wave of the same survey.")
    a_slug = request.GET.get("a", "wave")
    b_slug = request.GET.get("b", "wave")
    questions: list[CompareQuestion] = []
    a_label = b_label = ""
    labels = {o.slug: o.label for o in options}
    if other_wave is not None:
        other_def = load(other_wave.survey)
        other_fig = results.figures(other_wave, other_def)
        assert other_fig is not None
        group = group_from_slug(figures, a_slug)
        other_group = next((g for g in other_fig.groups if results.group_slug(g) == a_slug), None)
        questions = compare_questions(
            (other_def, other_fig, other_fig.groups.get(other_group) if other_group else None),
            (definition, figures, figures.groups.get(group)),
            language,
        )
        a_label = f"{other_wave.name}"
        b_label = f"{wave.name}"
    elif request.GET.get("b"):
        ga, gb = group_from_slug(figures, a_slug), group_from_slug(figures, b_slug)
        if ga == gb:
            error = _("Choose two different estates.")
        else:
            questions = compare_questions(
                (definition, figures, figures.groups.get(ga)),
                (definition, figures, figures.groups.get(gb)),
                language,
            )
            a_label, b_label = labels.get(a_slug, ""), labels.get(b_slug, "")
    context.update(
        {
            "options": options,
            "waves": waves,
            "other_wave": other_wave,
            "a_slug": a_slug,
            "b_slug": b_slug,
            "met": met,
            "questions": questions,
            "a_label": a_label,
            "b_label": b_label,
            "error": error,
            "k": figures.k,
        }
    )
    return render(request, "surveys/results/compare.html", context, status=400 if error else 200)


# -- exports and the report -----------------------------------------------------------------


@staff_required()
@require_GET
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404("No such format")
    what = request.GET.get("inhoud", "cijfers")
    if what not in ("cijfers", "antwoorden"):
        what = "cijfers"
    wave = access.get_wave_for(
        request.user, pk, "open_answers" if what == "antwoorden" else "results"
    )
    if wave.status != WaveStatus.CLOSED:
        return render(request, "surveys/results/not_yet.html", {"wave": wave}, status=409)
    definition = load(wave.survey)
    figures = results.figures(wave, definition)
    assert figures is not None
    language = _language(wave)
    if what == "antwoorden":
        header, rows = exports.answer_rows(wave, definition, figures, language)
    else:
        header, rows = exports.figure_rows(definition, figures, language)
    record_read(
        request=request,
        action=AuditAction.EXPORT,
        object_type="survey-answers" if what == "antwoorden" else "survey-figures",
        object_id=wave.pk,
        household_id=None,  # anonymous: no response is linked to a household
        purpose=f"exported the {'anonymous answers' if what == 'antwoorden' else 'figures'} "
        f"of a survey wave ({fmt})",
    )
    name = f"wave-{wave.pk}-{'answers' if what == 'antwoorden' else 'figures'}"
    return exports.response(fmt, name, header, rows)


@staff_required()
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "results")
    if wave.status != WaveStatus.CLOSED:
        return render(request, "surveys/results/not_yet.html", {"wave": wave}, status=409)
    definition = load(wave.survey)
    figures = results.figures(wave, definition)
    assert figures is not None
    language = _language(wave)
    estates, _buildings = names_of(figures)
    groups = [(_("The whole wave"), results.WAVE)] + [
        (estates.get(e, "?"), results.estate_group(e)) for e in figures.estates
    ]
    parts = []
    for label, g in groups:
        gf = figures.groups.get(g)
        parts.append(
            (label, report.present(definition, figures, gf, language), gf.responses if gf else None)
        )
    title = str(wave.survey)
    content = report.pdf(
        title=title,
        subtitle=f"{wave.name} · {wave.opens_on:%d/%m/%Y}–{wave.closes_on:%d/%m/%Y}",
        groups=parts,
        k=figures.k,
    )
    record_read(
        request=request,
        action=AuditAction.EXPORT,
        object_type="survey-report",
        object_id=wave.pk,
        household_id=None,  # figures only
        purpose="downloaded the results report (PDF) of a survey wave",
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="wave-{wave.pk}-report.pdf"'
    return response


# -- publishing -----------------------------------------------------------------------------


@staff_required()
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "publish")
    context = {"wave": wave, "nav_current": "surveys", "closed": wave.status == WaveStatus.CLOSED}
    if request.method == "POST":
        try:
            actions_results.publish_results(wave=wave, by=request.user)
        except TransitionError as refused:
            context["error"] = str(refused)
            return render(request, "surveys/results/publish.html", context, status=400)
        messages.success(
            request,
            _("The results are published. The residents are being told."),
        )
        return redirect("surveys:results", pk=wave.pk)
    return render(request, "surveys/results/publish.html", context)
