"""Answering a survey: online with the code from the letter (no account), or logged in through
the tenant portal (no code to type).

The code never appears in an address, a session, a cookie or a log line. The letter's QR code
opens ``/e/<estate>/#CODE``: the part after ``#`` stays in the phone, where ``answer.js`` moves
it into the code field. The code travels in the body of a POST — first the code form, then as a
hidden field of the questionnaire — and every POST that carries one goes through
``_find_code``, which slows down guessing: after ``SURVEY_CODE_MISSES`` unknown codes from one
address in a while, further tries wait, and the burst is written to the security log and the
audit log with its count and address only, never what was typed. A correct code is never
logged. The portal finds the household's code itself and never shows it.

Stopping halfway: ``answer.js`` keeps what was typed in the browser's ``localStorage`` (keyed
per wave), never on the server, and removes it after the answers are sent."""

from __future__ import annotations

import contextlib
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from wijkpunt.audit.actions import record
from wijkpunt.audit.models import AuditAction
from wijkpunt.core.http import client_ip
from wijkpunt.housing.access import tenant_resident
from wijkpunt.housing.models import Estate
from wijkpunt.surveys import actions, answering
from wijkpunt.surveys.definition import SurveyDef, load
from wijkpunt.surveys.forms_answer import CodeForm
from wijkpunt.surveys.models import Channel, SurveyCode, Wave, WaveStatus
from wijkpunt.surveys.texts import text_in

security_log = logging.getLogger("wijkpunt.security")


class Throttled(Exception):
    """Too many unknown codes from this address: wait a while."""


def code_misses() -> tuple[int, int]:
    """(maximum unknown codes, in seconds) per client address; settings may override."""
    maximum, seconds = getattr(settings, "SURVEY_CODE_MISSES", (10, 15 * 60))
    return int(maximum), int(seconds)


def _misses_key(request: HttpRequest) -> str:
    return f"surveys:code:miss:{client_ip(request) or 'unknown'}"


@sensitive_variables("typed")
def _find_code(request: HttpRequest, typed: str) -> SurveyCode:
    """``actions.find_code``, slowed down per client address. Raises Throttled or
    CodeRefused."""
    maximum, seconds = code_misses()
    key = _misses_key(request)
    if (cache.get(key) or 0) >= maximum:
        raise Throttled
    try:
        return actions.find_code(typed)
    except actions.CodeRefused as refused:
        if refused.reason == "unknown":
            if cache.add(key, 1, timeout=seconds):
                count = 1
            else:
                try:
                    count = cache.incr(key)
                except ValueError:  # expired in between
                    cache.set(key, 1, timeout=seconds)
                    count = 1
            if count == maximum:
                _record_guessing(request, count, seconds)
        raise


def _record_guessing(request: HttpRequest, count: int, seconds: int) -> None:
    """One entry per burst: how many and from where, never what was typed."""
    address = client_ip(request) or "unknown"
    minutes = max(1, seconds // 60)
    security_log.warning(
        "Survey codes: %d unknown codes from %s within %d minutes; further tries wait",
        count,
        address,
        minutes,
    )
    record(
        actor=request.user,
        action=AuditAction.LOGIN,
        object_type="survey-code-guessing",
        purpose=f"{count} unknown survey codes within {minutes} minutes; further tries wait",
        request=request,
    )


# --- the estate page: the code ---------------------------------------------------------------


def _results_url(estate: Estate | None) -> str:
    """The estate's published results, where a wave of it has them (another page)."""
    if estate is None:
        return ""
    published = Wave.objects.filter(
        estates=estate, results_published_at__isnull=False, status=WaveStatus.CLOSED
    ).exists()
    if not published:
        return ""
    for kwargs in ({"estate": estate.slug}, {"slug": estate.slug}):
        try:
            return reverse("surveys_public:estate_results", kwargs=kwargs)
        except NoReverseMatch:
            continue
    try:
        return reverse("surveys_public:estate_results", args=[estate.slug])
    except NoReverseMatch:
        return ""


def _open_surveys(estate: Estate | None) -> list[dict]:
    if estate is None:
        return []
    language = translation.get_language() or "nl-be"
    waves = (
        Wave.objects.filter(status=WaveStatus.OPEN, estates=estate)
        .select_related("survey")
        .order_by("closes_on", "pk")
        .distinct()
    )
    return [
        {"title": text_in(w.survey.title, language, w.survey.main_language), "until": w.closes_on}
        for w in waves
    ]


def _code_page(
    request: HttpRequest,
    estate: Estate | None,
    form: CodeForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "surveys/answer/code.html",
        {
            "estate": estate,
            "form": form or CodeForm(),
            "open_surveys": _open_surveys(estate),
            "results_url": _results_url(estate),
            "action": request.path,
        },
        status=status,
    )


def _refused(request, estate, typed: str, message: str, *, status: int) -> HttpResponse:
    form = CodeForm({"code": typed})
    form.is_valid()
    form.add_error("code", message)
    return _code_page(request, estate, form, status=status)


def _wait_message() -> str:
    return _(
        "You tried many codes in a short time. Please wait a quarter of an hour and try "
        "again, or ask your housing company or community worker for help."
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def estate(request: HttpRequest, estate: str | None = None) -> HttpResponse:
    """The page the letter points to: the code field; after the code, the questions; after
    the answers, the thank-you page."""
    place = get_object_or_404(Estate, slug=estate) if estate is not None else None
    if request.method != "POST":
        return _code_page(request, place)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, place, form, status=400)
    typed = form.cleaned_data["code"]
    try:
        code = _find_code(request, typed)
    except Throttled:
        return _refused(request, place, typed, _wait_message(), status=429)
    except actions.CodeRefused as refused:
        return _refused(request, place, typed, refused.message, status=400)
    if request.POST.get("step") == "answers":
        return _answers(request, place, code)
    survey = code.wave.survey
    language = answering.choose_language(
        survey.languages, translation.get_language(), code.language
    )
    return _questionnaire(
        request,
        code.wave,
        load(survey),
        language,
        action=request.path,
        code=code,
        fresh=True,
    )


def _answers(request: HttpRequest, place: Estate | None, code: SurveyCode) -> HttpResponse:
    wave = code.wave
    survey = wave.survey
    defn = load(survey)
    language = answering.choose_language(survey.languages, request.POST.get("language"))
    switch_to = request.POST.get("switch_to")
    if switch_to:
        language = answering.choose_language(survey.languages, switch_to, language)
        return _questionnaire(
            request,
            wave,
            defn,
            language,
            action=request.path,
            code=code,
            values=answering.typed_values(defn, request.POST),
        )
    cleaned, errors = answering.collect(defn, request.POST, language=language)
    if errors:
        return _questionnaire(
            request,
            wave,
            defn,
            language,
            action=request.path,
            code=code,
            values=answering.typed_values(defn, request.POST),
            errors=errors,
            status=400,
        )
    try:
        actions.submit(code=code, channel=Channel.ONLINE, answers=cleaned, language=language)
    except actions.CodeRefused as refused:  # used meanwhile: nothing was saved
        return _refused(request, place, request.POST.get("code", ""), refused.message, status=400)
    slug = code.estate.slug
    url = reverse("surveys_public:thanks", kwargs={"estate": slug, "wave": wave.pk})
    return redirect(f"{url}?taal={language}")


def _questionnaire(
    request: HttpRequest,
    wave: Wave,
    defn: SurveyDef,
    language: str,
    *,
    action: str,
    code: SurveyCode | None = None,
    values: dict | None = None,
    errors: dict | None = None,
    fresh: bool = False,
    draft_key: str = "",
    status: int = 200,
) -> HttpResponse:
    languages = answering.survey_languages(defn.languages)
    current = next((lang for lang in languages if lang.code == language), None)
    context = {
        "wave": wave,
        "defn": defn,
        "language": language,
        "direction": current.direction if current else "ltr",
        "languages": languages if len(languages) > 1 else [],
        "values": values or {},
        "errors": errors or {},
        "summary": answering.error_summary(defn, errors or {}, language),
        "prefix": "",
        "title": text_in(defn.title, language, defn.languages[0] if defn.languages else "nl-be"),
        "intro": text_in(defn.intro, language, defn.languages[0] if defn.languages else "nl-be"),
        "action": action,
        "code": code.code if code is not None else "",
        "draft_key": draft_key or f"wave:{wave.pk}",
        "fresh": fresh,
        "portal": code is None,
        "base_template": "portal/base_portal.html" if code is None else "base.html",
        "nav": "home",
    }
    ui = answering.interface_language(language)
    with translation.override(ui or translation.get_language()):
        return render(request, "surveys/answer/form.html", context, status=status)


def _thanks_context(wave: Wave, language: str) -> dict:
    survey = wave.survey
    main = survey.main_language
    return {
        "wave": wave,
        "title": text_in(survey.title, language, main),
        "thanks_text": text_in(survey.thanks, language, main),
        "language": language,
        "closed": wave.status == WaveStatus.CLOSED or wave.closes_on < timezone.localdate(),
    }


@never_cache
@require_http_methods(["GET"])
def thanks(request: HttpRequest, estate: str, wave: int) -> HttpResponse:
    place = get_object_or_404(Estate, slug=estate)
    found = get_object_or_404(
        Wave.objects.select_related("survey").exclude(status=WaveStatus.DRAFT), pk=wave
    )
    language = answering.choose_language(
        found.survey.languages, request.GET.get("taal"), translation.get_language()
    )
    context = {
        **_thanks_context(found, language),
        "estate": place,
        "estate_url": reverse("surveys_public:estate", kwargs={"estate": place.slug}),
        "results_url": _results_url(place),
        "draft_key": f"wave:{found.pk}",
    }
    ui = answering.interface_language(language)
    with translation.override(ui or translation.get_language()):
        return render(request, "surveys/answer/thanks.html", context)


# --- the portal: the tenant's own household's code, never typed or shown -------------------------


def _household_code(request: HttpRequest, wave: int) -> SurveyCode:
    """The code of the logged-in tenant's own household in ``wave``; 404 for any other."""
    resident = tenant_resident(request.user)
    if resident is None:
        raise PermissionError
    code = (
        SurveyCode.objects.select_related("wave__survey", "estate")
        .filter(wave_id=wave, household_id=resident.household_id)
        .exclude(wave__status=WaveStatus.DRAFT)
        .first()
    )
    if code is None:
        raise Http404("No survey for this household")
    return code


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def portal_answer(request: HttpRequest, wave: int) -> HttpResponse:
    try:
        code = _household_code(request, wave)
    except PermissionError:
        return render(request, "portal/not_a_tenant.html", status=403)
    survey = code.wave.survey
    draft_key = f"portal:{code.wave_id}:{request.user.pk}"
    if code.used or code.wave.status != WaveStatus.OPEN:
        language = answering.choose_language(
            survey.languages, request.GET.get("taal"), translation.get_language()
        )
        context = {
            **_thanks_context(code.wave, language),
            "answered": code.used,
            "draft_key": draft_key,
            "nav": "home",
        }
        return render(request, "surveys/portal/answered.html", context)
    defn = load(survey)
    action = request.path
    if request.method != "POST":
        language = answering.choose_language(
            survey.languages, translation.get_language(), code.language
        )
        return _questionnaire(
            request, code.wave, defn, language, action=action, fresh=True, draft_key=draft_key
        )
    language = answering.choose_language(survey.languages, request.POST.get("language"))
    values = answering.typed_values(defn, request.POST)
    switch_to = request.POST.get("switch_to")
    if switch_to:
        language = answering.choose_language(survey.languages, switch_to, language)
        return _questionnaire(
            request, code.wave, defn, language, action=action, values=values, draft_key=draft_key
        )
    cleaned, errors = answering.collect(defn, request.POST, language=language)
    if errors:
        return _questionnaire(
            request,
            code.wave,
            defn,
            language,
            action=action,
            values=values,
            errors=errors,
            draft_key=draft_key,
            status=400,
        )
    # Answered meanwhile (on paper, at the door): nothing is saved, and the page says so.
    with contextlib.suppress(actions.CodeRefused):
        actions.submit(code=code, channel=Channel.PORTAL, answers=cleaned, language=language)
    return redirect(f"{request.path}?taal={language}")
