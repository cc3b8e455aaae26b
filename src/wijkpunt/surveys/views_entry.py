"""Door-to-door and paper entry (action ``enter``): a member of staff types a household's code
and its answers; they go through the same ``actions.find_code`` and ``actions.submit`` as an
answer online, so a code counts once whatever the channel.

- **At the door** (``door``, on a tablet): first the code from the letter, then the questions,
  asked with the respondent, in the language they choose. After saving, an empty screen for
  the next door, with a confirmation that holds no answers and no code.
- **Paper** (``paper``): the code printed on the returned form and its answers on one screen,
  in the order of the form. A code used before — online, in the portal, at the door or on
  paper — is refused with the channel named, and everything typed stays.

The questionnaire is the respondent's own (``surveys/answer/_questionnaire.html``, read back by
``answering``), its fields under the prefix ``a-`` so that no question name can collide with
the page's own fields. The code travels only in POST bodies, never in an address, a session, a
message or a log line (``sensitive_post_parameters``). Unknown codes are counted per member of
staff (``SURVEY_CODE_MISSES``, as on the public code page): after too many in a while further
tries wait, and the burst is written to the security log and the audit log — with the count,
never what was typed. Saving an answer writes no audit entry: its time next to the code would
say when that household answered (docs/surveys-anonymity.md)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from wijkpunt.audit.actions import record
from wijkpunt.audit.models import AuditAction
from wijkpunt.surveys import access, actions, answering, codes
from wijkpunt.surveys.definition import SurveyDef, load
from wijkpunt.surveys.forms_waves import EntryCodeForm
from wijkpunt.surveys.models import Channel, SurveyCode, Wave, WaveStatus
from wijkpunt.surveys.views_answer import code_misses
from wijkpunt.surveys.views_waves import NAV, survey_title
from wijkpunt.workspace.access import staff_required

security_log = logging.getLogger("wijkpunt.security")

PREFIX = "a-"  # the answers' field names


class Throttled(Exception):
    """Too many unknown codes typed by this person: wait a while."""


class Refused(Exception):
    """A code that cannot be used here, with the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def used_message(channel: str) -> str:
    """The "already answered …" message, naming the channel the code was used on."""
    messages_by_channel: dict[str, str] = {
        Channel.ONLINE: _(
            "This code has already been used: the household answered online. A code counts "
            "once, so nothing was saved."
        ),
        Channel.PORTAL: _(
            "This code has already been used: the household answered in the portal. A code "
            "counts once, so nothing was saved."
        ),
        Channel.PAPER: _(
            "This code has already been used: a paper form with this code was entered. A code "
            "counts once, so nothing was saved."
        ),
        Channel.DOOR: _(
            "This code has already been used: the household answered at the door. A code "
            "counts once, so nothing was saved."
        ),
    }
    return messages_by_channel.get(
        channel, _("This code has already been used. A code counts once, so nothing was saved.")
    )


def _misses_key(request: HttpRequest) -> str:
    return f"surveys:entry:miss:{request.user.pk}"


def _count_miss(request: HttpRequest, wave: Wave) -> None:
    maximum, seconds = code_misses()
    key = _misses_key(request)
    if cache.add(key, 1, timeout=seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=seconds)
            count = 1
    security_log.info(
        "Survey entry: unknown code typed by user %s for wave %s (%d in this period)",
        request.user.pk,
        wave.pk,
        count,
    )
    if count == maximum:
        minutes = max(1, seconds // 60)
        security_log.warning(
            "Survey entry: %d unknown codes typed by user %s within %d minutes; tries wait",
            count,
            request.user.pk,
            minutes,
        )
        record(
            actor=request.user,
            action=AuditAction.LOGIN,
            object_type="survey-code-guessing",
            object_id=wave.pk,
            purpose=(
                f"{count} unknown survey codes typed in staff entry within {minutes} minutes; "
                "further tries wait"
            ),
            request=request,
        )


@sensitive_variables("typed", "value")
def find_entry_code(request: HttpRequest, wave: Wave, typed: str) -> SurveyCode:
    """The code of ``wave`` a member of staff typed (or the letter's QR address pasted),
    through ``actions.find_code``. Raises Throttled or Refused: a code of another wave, or
    one already used — naming the channel it was used on."""
    maximum, _seconds = code_misses()
    if (cache.get(_misses_key(request)) or 0) >= maximum:
        raise Throttled
    if "#" in typed:  # the QR code's address: the code follows the "#"
        typed = typed.rsplit("#", 1)[1]
    value = codes.normalise(typed)
    known = (
        SurveyCode.objects.filter(code=value).values_list("wave_id", "channel").first()
        if codes.looks_like_a_code(value)
        else None
    )
    if known is not None and known[0] != wave.pk:
        raise Refused(
            _("This code belongs to another survey or wave. Check that you are on the right page.")
        )
    if known is not None and known[1]:
        raise Refused(used_message(known[1]))
    try:
        return actions.find_code(typed)
    except actions.CodeRefused as refused:
        if refused.reason == "unknown":
            _count_miss(request, wave)
        raise Refused(refused.message) from None


def _wait_message() -> str:
    return _(
        "You typed many unknown codes in a short time. Wait a quarter of an hour, then check "
        "the codes and try again."
    )


def _entry_language(defn: SurveyDef, *wishes: str | None) -> str:
    return answering.choose_language(defn.languages, *wishes)


def _page(
    request: HttpRequest,
    wave: Wave,
    mode: str,
    *,
    code_form: EntryCodeForm | None = None,
    code: str = "",
    defn: SurveyDef | None = None,
    language: str = "",
    values: dict | None = None,
    errors: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The entry screen. Door: the code first (``defn`` None), then the questions with the
    checked code kept in a hidden field. Paper: the code field and the questions together."""
    context: dict = {
        "wave": wave,
        "survey_title": survey_title(wave.survey),
        "mode": mode,
        "open": wave.status == WaveStatus.OPEN,
        "code_form": code_form or EntryCodeForm(),
        "code": code,
        "code_shown": codes.display(code) if code else "",
        "nav_current": NAV,
        "prefix": PREFIX,
        "action": request.path,
    }
    if defn is not None:
        languages = answering.survey_languages(defn.languages)
        current = next((lang for lang in languages if lang.code == language), None)
        summary = answering.error_summary(defn, errors or {}, language, PREFIX)
        form_errors = code_form.errors if code_form is not None and code_form.is_bound else {}
        if form_errors.get("code"):
            # The code's problem first in the one summary of the page.
            field = context["code_form"]["code"]
            summary.items.insert(
                0, answering.SummaryField(field.auto_id, str(field.label), list(field.errors))
            )
            summary.errors = {"code": " ".join(field.errors), **summary.errors}
        context.update(
            {
                "defn": defn,
                "language": language,
                "direction": current.direction if current else "ltr",
                "languages": languages if len(languages) > 1 else [],
                "values": values or {},
                "errors": errors or {},
                "summary": summary,
            }
        )
    return render(request, "surveys/entry/entry.html", context, status=status)


def _not_open(request: HttpRequest, wave: Wave, mode: str) -> HttpResponse:
    return render(
        request,
        "surveys/entry/entry.html",
        {
            "wave": wave,
            "survey_title": survey_title(wave.survey),
            "mode": mode,
            "open": False,
            "nav_current": NAV,
        },
        status=200 if request.method == "GET" else 409,
    )


def _refused_code_form(typed: str, message: str) -> EntryCodeForm:
    form = EntryCodeForm({"code": typed})
    form.is_valid()
    form.add_error("code", message)
    return form


def _saved_message(mode: str) -> str:
    if mode == "door":
        return _("The answers are saved. Thank the resident. You can go to the next door.")
    return _("The paper form is saved. You can enter the next one.")


@never_cache
@sensitive_post_parameters("code")
@staff_required()
@require_http_methods(["GET", "POST"])
def door(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "enter")
    mode = "door"
    if wave.status != WaveStatus.OPEN:
        return _not_open(request, wave, mode)
    if request.method != "POST":
        return _page(request, wave, mode)
    form = EntryCodeForm(request.POST)
    if not form.is_valid():
        return _page(request, wave, mode, code_form=form, status=400)
    typed = form.cleaned_data["code"]
    step = request.POST.get("step")
    defn = load(wave.survey)
    values = answering.typed_values(defn, request.POST, PREFIX) if step == "answers" else None
    language = _entry_language(defn, request.POST.get("language"))
    try:
        code = find_entry_code(request, wave, typed)
    except (Throttled, Refused) as problem:
        message = problem.message if isinstance(problem, Refused) else _wait_message()
        refused = _refused_code_form(typed, message)
        if step == "answers":
            # The questions stay with what was typed; the code can be corrected.
            return _page(
                request, wave, mode, code_form=refused, defn=defn, language=language,
                values=values, status=429 if isinstance(problem, Throttled) else 400,
            )  # fmt: skip
        return _page(
            request, wave, mode, code_form=refused,
            status=429 if isinstance(problem, Throttled) else 400,
        )  # fmt: skip
    if step != "answers":
        language = _entry_language(defn, code.language, translation.get_language())
        return _page(request, wave, mode, code=code.code, defn=defn, language=language)
    switch_to = request.POST.get("switch_to")
    if switch_to:
        language = _entry_language(defn, switch_to, language)
        return _page(
            request, wave, mode, code=code.code, defn=defn, language=language, values=values
        )
    cleaned, errors = answering.collect(defn, request.POST, language=language, prefix=PREFIX)
    if errors:
        return _page(
            request, wave, mode, code=code.code, defn=defn, language=language, values=values,
            errors=errors, status=400,
        )  # fmt: skip
    return _save(
        request, wave, mode, code, defn, language=language, ballot_language=language,
        values=values, cleaned=cleaned, channel=Channel.DOOR,
    )  # fmt: skip


def _save(
    request, wave, mode, code, defn, *, language, ballot_language, values, cleaned, channel
) -> HttpResponse:
    try:
        actions.submit(code=code, channel=channel, answers=cleaned, language=ballot_language)
    except actions.CodeRefused:  # used meanwhile: nothing was saved
        channel_used = (
            SurveyCode.objects.filter(pk=code.pk).values_list("channel", flat=True).first()
        )
        refused = _refused_code_form(code.code, used_message(channel_used or ""))
        return _page(
            request, wave, mode, code_form=refused, defn=defn, language=language, values=values,
            status=400,
        )  # fmt: skip
    messages.success(request, _saved_message(mode))
    return redirect(request.path)


@never_cache
@sensitive_post_parameters("code")
@staff_required()
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.get_wave_for(request.user, pk, "enter")
    mode = "paper"
    if wave.status != WaveStatus.OPEN:
        return _not_open(request, wave, mode)
    defn = load(wave.survey)
    if request.method != "POST":
        language = _entry_language(defn, translation.get_language())
        return _page(request, wave, mode, defn=defn, language=language)
    language = _entry_language(defn, request.POST.get("language"))
    values = answering.typed_values(defn, request.POST, PREFIX)
    switch_to = request.POST.get("switch_to")
    form = EntryCodeForm(request.POST)
    if switch_to:
        language = _entry_language(defn, switch_to, language)
        return _page(
            request, wave, mode, defn=defn, language=language, values=values,
            code_form=EntryCodeForm(initial={"code": request.POST.get("code", "")}),
        )  # fmt: skip
    cleaned, errors = answering.collect(defn, request.POST, language=language, prefix=PREFIX)
    if not form.is_valid():
        return _page(
            request, wave, mode, code_form=form, defn=defn, language=language, values=values,
            errors=errors, status=400,
        )  # fmt: skip
    typed = form.cleaned_data["code"]
    try:
        code = find_entry_code(request, wave, typed)
    except (Throttled, Refused) as problem:
        message = problem.message if isinstance(problem, Refused) else _wait_message()
        return _page(
            request, wave, mode, code_form=_refused_code_form(typed, message), defn=defn,
            language=language, values=values, errors=errors,
            status=429 if isinstance(problem, Throttled) else 400,
        )  # fmt: skip
    # A paper form is in the language of its letter, whatever the screen shows.
    form_language = _entry_language(defn, code.language, language)
    if errors:
        return _page(
            request, wave, mode, code_form=form, defn=defn, language=language, values=values,
            errors=errors, status=400,
        )  # fmt: skip
    return _save(
        request, wave, mode, code, defn, language=language, ballot_language=form_language,
        values=values, cleaned=cleaned, channel=Channel.PAPER,
    )  # fmt: skip
