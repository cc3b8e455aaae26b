"""Staff pages that define surveys (``/werk/bevragingen/``): the list of surveys with their
waves, a new survey, the editor (texts and languages, sections, questions of every kind with
their choices, translations and show-if conditions, their order), a new version of a locked
survey, and the preview as a respondent sees it on a phone.

Everyone with a survey role reads every survey (definitions are not personal data); only the
designers of the survey's organisation change it (``access.get_survey_for(…, "edit")``), and
nobody changes the questions of a survey that has answers (``actions_builder.is_locked``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

from wijkpunt.partners.models import Organisation
from wijkpunt.surveys import access, answering, conditions
from wijkpunt.surveys import actions_builder as build
from wijkpunt.surveys import forms_builder as forms
from wijkpunt.surveys.definition import QuestionDef, SurveyDef, load
from wijkpunt.surveys.models import Question, QuestionKind, Section, Survey, Wave
from wijkpunt.surveys.texts import missing_languages, text_in
from wijkpunt.workspace.access import staff_required

PER_PAGE = 25


def url_or_empty(name: str, *args) -> str:
    """The address of a page of another part of the surveys area, or "" while it does not
    exist (so that a link is left out rather than broken)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _survey_role(request: HttpRequest) -> None:
    if not access.has_survey_role(request.user):
        raise PermissionDenied


# -- the list -----------------------------------------------------------------------------------


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    _survey_role(request)
    waves = Wave.objects.filter(pk__in=access.visible_waves(user)).order_by("-opens_on", "-pk")
    surveys = (
        access.visible_surveys(user)
        .select_related("organisation")
        .annotate(locked=build.answered_filter())
        .prefetch_related(Prefetch("waves", queryset=waves, to_attr="shown_waves"))
        .order_by("archived", "-created_at", "-pk")
    )
    page = Paginator(surveys, PER_PAGE).get_page(request.GET.get("page"))
    language = translation.get_language() or "nl-be"
    editable = access.design_organisation_ids(user)
    may_manage = access.may_start_waves(user)
    rows = []
    for survey in page:
        rows.append(
            {
                "survey": survey,
                "title": text_in(survey.title, language, survey.main_language),
                "locked": survey.locked,
                "waves": [
                    {"wave": w, "url": url_or_empty("surveys:wave", w.pk)}
                    for w in survey.shown_waves
                ],
                "new_wave_url": (
                    url_or_empty("surveys:wave_new", survey.pk)
                    if may_manage and not survey.archived
                    else ""
                ),
            }
        )
    return render(
        request,
        "surveys/builder/home.html",
        {
            "rows": rows,
            "page": page,
            "may_design": bool(editable),
            "import_url": url_or_empty("surveys:xlsform_import") if editable else "",
            "nav_current": "surveys",
        },
    )


# -- a new survey -------------------------------------------------------------------------------


def _design_organisations(user):
    return Organisation.objects.filter(pk__in=access.design_organisation_ids(user)).order_by("name")


@staff_required()
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    _survey_role(request)
    organisations = _design_organisations(user)
    if not organisations.exists():
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = forms.NewSurveyForm(request.POST, organisations=organisations)
        if form.is_valid():
            languages = form.chosen_languages()
            try:
                survey = build.create_survey(
                    by=user,
                    organisation=form.cleaned_data["organisation"],
                    title={languages[0]: form.cleaned_data["title"]},
                    languages=languages,
                )
            except build.BuilderInvalid as error:
                forms.add_errors(form, error, {"languages": "main_language"})
            else:
                messages.success(request, _("The survey is made. Now add its questions."))
                return redirect("surveys:survey", survey.pk)
        status = 400
    else:
        form = forms.NewSurveyForm(
            organisations=organisations,
            initial={"main_language": "nl-be", "languages": ["fr", "en"]},
        )
    return render(
        request,
        "surveys/builder/new.html",
        {"form": form, "nav_current": "surveys"},
        status=status,
    )


# -- the editor ---------------------------------------------------------------------------------


@dataclass
class Completeness:
    code: str
    name: str
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def missing(self) -> int:
        return self.total - self.done


@dataclass
class Item:
    """A question (or a grid row) as the editor lists it."""

    q: QuestionDef
    missing: list[str]
    condition: str = ""
    choices_missing: list[tuple[str, list[str]]] = field(default_factory=list)
    rows: list[Item] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(QuestionKind(self.q.kind).label)


def describe(condition: dict | None, defn: SurveyDef) -> str:
    """A show-if condition in words, e.g. "q_contact is Ja (yes)"."""
    rules = conditions.rules_of(condition)
    if not rules:
        return ""
    main = defn.languages[0] if defn.languages else "nl-be"
    parts = []
    for rule in rules:
        op = rule.get("op", "eq")
        text = f"{rule.get('question')} {conditions.OPERATORS.get(op, op)}"
        if op not in conditions.VALUELESS_OPERATORS:
            value = str(rule.get("value", ""))
            q = defn.question(rule.get("question", ""))
            choice = q.choice(value) if q is not None else None
            text += f" {choice.text(main)} ({value})" if choice else f" {value}"
        parts.append(text)
    joiner = _(" or ") if (condition or {}).get("mode") == "any" else _(" and ")
    return joiner.join(parts)


def _texts_of(defn: SurveyDef) -> list[dict]:
    """Every text of the survey a respondent reads (to count translations)."""
    texts: list[dict] = [defn.title]
    if defn.intro:
        texts.append(defn.intro)
    if defn.thanks:
        texts.append(defn.thanks)
    for section in defn.sections:
        if section.title:
            texts.append(section.title)
        for item in section.questions:
            texts.append(item.label)
            if item.hint:
                texts.append(item.hint)
            texts.extend(c.label for c in item.choices)
            texts.extend(r.label for r in item.rows)
    return texts


def completeness(defn: SurveyDef, names: dict[str, str]) -> list[Completeness]:
    texts = _texts_of(defn)
    return [
        Completeness(
            code,
            names.get(code, code),
            sum(1 for t in texts if not missing_languages(t, [code])),
            len(texts),
        )
        for code in defn.languages
    ]


def _items(defn: SurveyDef, section, names: dict[str, str]) -> list[Item]:
    languages = defn.languages

    def missing(texts) -> list[str]:
        return [names.get(code, code) for code in missing_languages(texts, languages)]

    out = []
    for q in section.questions:
        item = Item(q, missing(q.label), describe(q.show_if, defn))
        item.choices_missing = [(c.value, m) for c in q.choices if (m := missing(c.label))]
        item.rows = [Item(r, missing(r.label)) for r in q.rows]
        out.append(item)
    return out


def _editor_context(request: HttpRequest, survey: Survey) -> dict:
    defn = load(survey)
    names = forms.language_names(defn.languages)
    sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
    may_edit = survey.organisation_id in access.design_organisation_ids(request.user)
    locked = build.is_locked(survey)
    main = survey.main_language
    return {
        "survey": survey,
        "defn": defn,
        "title": text_in(survey.title, translation.get_language() or main, main),
        "main": main,
        "names": names,
        "language_list": [(code, names.get(code, code)) for code in defn.languages],
        "text_cards": [
            {
                "code": code,
                "name": names.get(code, code),
                "title": defn.title.get(code, ""),
                "intro": defn.intro.get(code, ""),
                "thanks": defn.thanks.get(code, ""),
            }
            for code in defn.languages
        ],
        "sections": [
            {
                "section": section,
                "sdef": sdef,
                "title": sdef.text(main),
                "missing": [
                    names.get(code, code) for code in missing_languages(sdef.title, defn.languages)
                ]
                if sdef.title
                else [],
                "condition": describe(sdef.show_if, defn),
                "items": _items(defn, sdef, names),
                "first": i == 0,
                "last": i == len(sections) - 1,
            }
            for i, (section, sdef) in enumerate(zip(sections, defn.sections, strict=True))
        ],
        "title_missing": [
            names.get(code, code) for code in missing_languages(survey.title, defn.languages)
        ],
        "completeness": completeness(defn, names),
        "kinds": QuestionKind.choices,
        "locked": locked,
        "may_edit": may_edit,
        "editable": may_edit and not locked,
        "next_version": survey.next_versions.order_by("-version").first(),
        "new_wave_url": (
            url_or_empty("surveys:wave_new", survey.pk)
            if access.may_start_waves(request.user) and not survey.archived
            else ""
        ),
        "waves": [
            {"wave": w, "url": url_or_empty("surveys:wave", w.pk)}
            for w in Wave.objects.filter(pk__in=access.visible_waves(request.user), survey=survey)
        ],
        "export_url": url_or_empty("surveys:xlsform_export", survey.pk),
        "nav_current": "surveys",
    }


@staff_required()
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk)
    return render(request, "surveys/builder/survey.html", _editor_context(request, found))


def _locked_page(request: HttpRequest, survey: Survey) -> HttpResponse:
    messages.error(request, str(build.SurveyLocked().errors[None]))
    return redirect("surveys:survey", survey.pk)


@staff_required()
@require_http_methods(["GET", "POST"])
def survey_texts(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    if build.is_locked(found):
        return _locked_page(request, found)
    status = 200
    if request.method == "POST":
        form = forms.SurveyTextsForm(request.POST, survey=found)
        if form.is_valid():
            data = form.cleaned_data
            old = list(found.languages)
            languages = form.chosen_languages()
            try:
                build.update_survey(
                    survey=found,
                    by=request.user,
                    title=forms.texts_of(data, "title", old),
                    intro=forms.texts_of(data, "intro", old),
                    thanks=forms.texts_of(data, "thanks", old),
                    languages=languages,
                )
            except build.SurveyLocked:
                return _locked_page(request, found)
            except build.BuilderInvalid as error:
                forms.add_errors(
                    form,
                    error,
                    {
                        "title": f"title_{languages[0]}"
                        if f"title_{languages[0]}" in form.fields
                        else "main_language",
                        "languages": "main_language",
                    },
                )
            else:
                if set(languages) - set(old):
                    messages.success(
                        request,
                        _("Saved. Now write the texts in the languages you added."),
                    )
                    return redirect("surveys:survey_texts", found.pk)
                messages.success(request, _("The texts are saved."))
                return redirect("surveys:survey", found.pk)
        status = 400
    else:
        form = forms.SurveyTextsForm(survey=found, initial=forms.SurveyTextsForm.initial_for(found))
    return render(
        request,
        "surveys/builder/texts.html",
        {"form": form, "survey": found, "nav_current": "surveys"},
        status=status,
    )


# -- sections -----------------------------------------------------------------------------------


def _section_of(survey: Survey, section: int) -> Section:
    return get_object_or_404(Section, survey=survey, pk=section)


def _section_page(request, survey, form, section=None, status=200) -> HttpResponse:
    return render(
        request,
        "surveys/builder/section.html",
        {
            "form": form,
            "survey": survey,
            "section": section,
            "earlier": form.earlier,
            "main": survey.main_language,
            "nav_current": "surveys",
        },
        status=status,
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, section: int | None = None) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    if build.is_locked(found):
        return _locked_page(request, found)
    current = _section_of(found, section) if section is not None else None
    earlier = build.questions_before_section(found, current)
    if request.method == "POST":
        form = forms.SectionForm(request.POST, survey=found, earlier=earlier, section=current)
        if form.is_valid():
            data = form.cleaned_data
            condition = form.condition()
            if form.is_valid():
                try:
                    saved = build.save_section(
                        survey=found,
                        by=request.user,
                        name=data["name"],
                        title=forms.texts_of(data, "title", found.languages),
                        show_if=condition,
                        section=current,
                    )
                except build.BuilderInvalid as error:
                    forms.add_errors(
                        form,
                        error,
                        {"show_if": "rule_0_question", "title": f"title_{found.main_language}"},
                    )
                else:
                    messages.success(request, _("The section is saved."))
                    return redirect(f"{reverse('surveys:survey', args=[found.pk])}#s-{saved.pk}")
        return _section_page(request, found, form, current, status=400)
    form = forms.SectionForm(survey=found, earlier=earlier, section=current)
    return _section_page(request, found, form, current)


@staff_required()
@require_POST
def section_move(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    current = _section_of(found, section)
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        return redirect("surveys:survey", found.pk)
    try:
        build.move_section(section=current, by=request.user, direction=direction)
    except build.BuilderInvalid as error:
        messages.error(request, "; ".join(error.errors.values()))
    return _back_to(request, found, f"s-{current.pk}")


@staff_required()
@require_POST
def section_delete(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    current = _section_of(found, section)
    try:
        build.delete_section(section=current, by=request.user)
    except build.BuilderInvalid as error:
        messages.error(request, "; ".join(error.errors.values()))
    else:
        messages.success(request, _("The section and its questions are removed."))
    return redirect("surveys:survey", found.pk)


def _back_to(request: HttpRequest, survey: Survey, anchor: str) -> HttpResponse:
    """After a move: the editor, at the moved item."""
    return redirect(f"{reverse('surveys:survey', args=[survey.pk])}#{anchor}")


# -- questions ----------------------------------------------------------------------------------


def _question_of(survey: Survey, question: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("section"), survey=survey, pk=question, grid__isnull=True
    )


def _question_page(request, survey, form, *, section, question=None, status=200):
    return render(
        request,
        "surveys/builder/question.html",
        {
            "form": form,
            "survey": survey,
            "section": section,
            "question": question,
            "kind_label": QuestionKind(form.kind).label,
            "kind": form.kind,
            "earlier": form.earlier,
            "main": survey.main_language,
            "nav_current": "surveys",
        },
        status=status,
    )


def _reordered(request, form, **kwargs) -> HttpResponse | None:
    """The form again with two answer rows or grid rows swapped (the ↑/↓ buttons), or None."""
    move = request.POST.get("move_row", "")
    if not move:
        return None
    section = kwargs.pop("section")
    data = forms.moved(request.POST, move, choices=form.choice_count, rows=form.row_count)
    again = forms.QuestionForm(data if data is not None else request.POST, **kwargs)
    return _question_page(
        request, kwargs["survey"], again, section=section, question=kwargs["question"]
    )


def _save_question(request, survey, form, *, section, question=None) -> HttpResponse | None:
    if not form.is_valid():
        return None
    data = form.data_for_action()
    if not form.is_valid():  # a rule's answer of another question
        return None
    try:
        saved = build.save_question(
            survey=survey, section=section, by=request.user, data=data, question=question
        )
    except build.BuilderInvalid as error:
        for key, message in error.errors.items():
            name = form.field_for(key)
            form.add_error(name if name in form.fields else None, message)
        return None
    messages.success(request, _("The question is saved."))
    if request.POST.get("then") == "more":
        return redirect("surveys:question", survey.pk, saved.pk)
    return redirect(f"{reverse('surveys:survey', args=[survey.pk])}#q-{saved.pk}")


@staff_required()
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    if build.is_locked(found):
        return _locked_page(request, found)
    place = _section_of(found, section)
    kind = request.POST.get("kind") or request.GET.get("kind") or ""
    if kind not in QuestionKind.values:
        raise Http404("No such kind of question")
    earlier = build.earlier_questions(found, section=place)
    if request.method == "POST":
        form = forms.QuestionForm(request.POST, survey=found, kind=kind, earlier=earlier)
        shown = _reordered(
            request, form, survey=found, kind=kind, earlier=earlier, section=place, question=None
        )
        if shown is not None:
            return shown
        done = _save_question(request, found, form, section=place)
        if done is not None:
            return done
        return _question_page(request, found, form, section=place, status=400)
    form = forms.QuestionForm(survey=found, kind=kind, earlier=earlier)
    return _question_page(request, found, form, section=place)


@staff_required()
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    if build.is_locked(found):
        return _locked_page(request, found)
    current = _question_of(found, question)
    earlier = build.earlier_questions(found, question=current)
    kwargs: dict[str, Any] = {
        "survey": found,
        "kind": current.kind,
        "earlier": earlier,
        "question": current,
    }
    if request.method == "POST":
        form = forms.QuestionForm(request.POST, **kwargs)
        shown = _reordered(request, form, section=current.section, **kwargs)
        if shown is not None:
            return shown
        done = _save_question(request, found, form, section=current.section, question=current)
        if done is not None:
            return done
        return _question_page(
            request, found, form, section=current.section, question=current, status=400
        )
    form = forms.QuestionForm(**kwargs)
    return _question_page(request, found, form, section=current.section, question=current)


@staff_required()
@require_POST
def question_move(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    current = _question_of(found, question)
    direction = request.POST.get("direction", "")
    if direction in ("up", "down"):
        try:
            build.move_question(question=current, by=request.user, direction=direction)
        except build.BuilderInvalid as error:
            messages.error(request, "; ".join(error.errors.values()))
    return _back_to(request, found, f"q-{current.pk}")


@staff_required()
@require_POST
def question_delete(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    current = _question_of(found, question)
    try:
        build.delete_question(question=current, by=request.user)
    except build.BuilderInvalid as error:
        messages.error(request, "; ".join(error.errors.values()))
    else:
        messages.success(request, _("The question is removed."))
    return redirect(f"{reverse('surveys:survey', args=[found.pk])}#s-{current.section_id}")


# -- a new version ------------------------------------------------------------------------------


@staff_required()
@require_POST
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_survey_for(request.user, pk, "edit")
    copy = build.new_version(survey=found, by=request.user)
    messages.success(
        request,
        _("Version %(version)d is a draft: change its questions, then start a wave with it.")
        % {"version": copy.version},
    )
    return redirect("surveys:survey", copy.pk)


# -- the preview --------------------------------------------------------------------------------


@staff_required()
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire in a phone-sized frame, in each of the survey's languages."""
    found = access.get_survey_for(request.user, pk)
    languages = answering.survey_languages(found.languages)
    language = answering.choose_language(found.languages, request.GET.get("taal"))
    return render(
        request,
        "surveys/builder/preview.html",
        {
            "survey": found,
            "title": text_in(found.title, translation.get_language() or "nl-be"),
            "languages": languages,
            "language": language,
            "frame_url": reverse("surveys:preview_frame", args=[found.pk]) + f"?taal={language}",
            "nav_current": "surveys",
        },
    )


@xframe_options_sameorigin
@staff_required()
@require_http_methods(["GET", "POST"])
def preview_frame(request: HttpRequest, pk: int) -> HttpResponse:
    """The respondent's page itself (the same templates and checks), inside the preview's
    frame. Sending checks the answers and saves nothing."""
    found = access.get_survey_for(request.user, pk)
    defn = load(found)
    action = reverse("surveys:preview_frame", args=[found.pk])
    values: dict = {}
    errors: dict = {}
    checked = False
    status = 200
    if request.method == "POST":
        language = answering.choose_language(found.languages, request.POST.get("language"))
        values = answering.typed_values(defn, request.POST)
        switch_to = request.POST.get("switch_to")
        if switch_to:
            language = answering.choose_language(found.languages, switch_to, language)
        else:
            _cleaned, errors = answering.collect(defn, request.POST, language=language)
            checked = not errors
            status = 400 if errors else 200
    else:
        language = answering.choose_language(found.languages, request.GET.get("taal"))
    languages = answering.survey_languages(defn.languages)
    current = next((lang for lang in languages if lang.code == language), None)
    main = defn.languages[0] if defn.languages else "nl-be"
    context = {
        "defn": defn,
        "language": language,
        "direction": current.direction if current else "ltr",
        "languages": languages if len(languages) > 1 else [],
        "values": values,
        "errors": errors,
        "summary": answering.error_summary(defn, errors, language),
        "prefix": "",
        "title": text_in(defn.title, language, main),
        "intro": text_in(defn.intro, language, main),
        "action": action,
        "code": "",
        "draft_key": "",
        "fresh": False,
        "checked": checked,
        "base_template": "surveys/builder/preview_frame.html",
    }
    ui = answering.interface_language(language)
    with translation.override(ui or translation.get_language()):
        response = render(request, "surveys/answer/form.html", context, status=status)
    # Only this page may sit in a frame, and only in Wijkpunt's own pages.
    response["Content-Security-Policy"] = _frame_policy()
    return response


def _frame_policy() -> str:
    from django.conf import settings

    return settings.CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    )
