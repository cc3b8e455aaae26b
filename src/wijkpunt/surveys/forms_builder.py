"""Forms of the survey builder. Texts have one field per language of the survey (its main
language first); a question's choices, grid rows and show-if rules are rows of fields, with a
few empty rows to add more (no JavaScript needed). The forms only read what was typed; the
checks of the survey as a whole are in ``actions_builder``."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import WIDGET_CLASSES, StyledFormMixin
from wijkpunt.surveys import actions_builder as build
from wijkpunt.surveys.conditions import OPERATORS, VALUELESS_OPERATORS
from wijkpunt.surveys.definition import OTHER, QuestionDef
from wijkpunt.surveys.models import CHOICE_KINDS, Language, Question, QuestionKind, Section, Survey

NAME_MESSAGE = _(
    "Use lower-case letters, digits and _ only, starting with a letter (e.g. q_repairs)."
)
EMPTY_ROWS = 3  # empty choice / grid rows offered to add more
RULES = 3  # show-if rules offered (more when a condition already has more)


def language_names(codes=None) -> dict[str, str]:
    """Language code → its name in the language itself, for the given codes (all if None)."""
    langs = Language.objects.all()
    if codes is not None:
        langs = langs.filter(code__in=list(codes))
    return {lang.code: lang.native_name or lang.name for lang in langs}


def _style(form: forms.Form) -> None:
    """The NL Design System classes on fields added after the form was made."""
    for field in form.fields.values():
        widget = field.widget
        if widget.attrs.get("class"):
            continue
        for widget_class, css in WIDGET_CLASSES.items():
            if isinstance(widget, widget_class):
                widget.attrs["class"] = css
                break


def _texts_fields(form, prefix, label, languages, names, *, textarea=False, max_length=2000):
    for code in languages:
        widget = forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput()
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=f"{label} ({names.get(code, code)})",
            required=False,
            max_length=max_length,
            widget=widget,
        )
        form.fields[f"{prefix}_{code}"].widget.attrs["lang"] = code


def texts_of(data: dict, prefix: str, languages) -> dict[str, str]:
    return {code: data.get(f"{prefix}_{code}") or "" for code in languages}


def initial_texts(prefix: str, texts: dict | None, languages) -> dict[str, str]:
    return {f"{prefix}_{code}": (texts or {}).get(code, "") for code in languages}


def add_errors(form: forms.Form, error: build.BuilderInvalid, mapping: dict | None = None) -> None:
    """The action's messages on the form's fields (``mapping``: action key → field name)."""
    for key, message in error.errors.items():
        name = (mapping or {}).get(key, key)
        if name and name in form.fields:
            form.add_error(name, message)
        else:
            form.add_error(None, message)


class LanguagesMixin:
    fields: dict

    def add_language_fields(self) -> None:
        names = language_names()
        self.fields["main_language"] = forms.ChoiceField(
            label=_("Main language"),
            choices=list(names.items()),
            help_text=_(
                "Respondents who read another language see this text where a "
                "translation is missing."
            ),
        )
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Also offered in"),
            choices=list(names.items()),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("An administrator can add other languages in the configuration."),
        )

    def chosen_languages(self) -> list[str]:
        data = self.cleaned_data  # type: ignore[attr-defined]
        main = data.get("main_language")
        others = [code for code in data.get("languages") or [] if code != main]
        return [main, *others] if main else others


class NewSurveyForm(LanguagesMixin, StyledFormMixin, forms.Form):
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        help_text=_("Its survey designers can change the survey."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("In the main language."))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.add_language_fields()
        self.fields["title"].error_messages["required"] = _("Give the survey a title.")
        self.fields = {
            name: self.fields[name]
            for name in ("organisation", "title", "main_language", "languages")
        }
        _style(self)


class SurveyTextsForm(LanguagesMixin, StyledFormMixin, forms.Form):
    """The survey's languages and its title, introduction and thank-you text in each."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_language_fields()
        languages = list(survey.languages)
        names = language_names(languages)
        _texts_fields(self, "title", _("Title"), languages, names, max_length=200)
        main_title = self.fields[f"title_{languages[0]}"]
        main_title.required = True
        main_title.error_messages["required"] = _("Give the survey a title in its main language.")
        _texts_fields(self, "intro", _("Introduction"), languages, names, textarea=True)
        _texts_fields(self, "thanks", _("Thank-you text"), languages, names, textarea=True)
        _style(self)

    @staticmethod
    def initial_for(survey: Survey) -> dict:
        return {
            "main_language": survey.main_language,
            "languages": list(survey.languages[1:]),
            **initial_texts("title", survey.title, survey.languages),
            **initial_texts("intro", survey.intro, survey.languages),
            **initial_texts("thanks", survey.thanks, survey.languages),
        }


# -- show-if ------------------------------------------------------------------------------------


class ConditionMixin:
    """Show-if rules as rows: an earlier question, a comparison, and either one of that
    question's answers or a number/text."""

    fields: dict

    def add_condition_fields(self, earlier: dict[str, QuestionDef], main: str, current: dict):
        self.earlier = earlier
        rules = list((current or {}).get("rules") or [])
        self.rule_count = max(RULES, len(rules) + 1)
        self.fields["showif_mode"] = forms.ChoiceField(
            label=_("Show when"),
            choices=[("all", _("every rule holds")), ("any", _("at least one rule holds"))],
            initial="all",
            required=False,
            widget=forms.RadioSelect,
        )
        questions = [("", _("— no rule —"))] + [
            (name, f"{name}: {q.text(main)}"[:90]) for name, q in earlier.items()
        ]
        answers: list = [("", _("— an answer —"))]
        for name, q in earlier.items():
            if q.is_choice:
                opts = [(f"{name}::{c.value}", f"{c.text(main)} ({c.value})") for c in q.choices]
                if q.allow_other:
                    opts.append((f"{name}::{OTHER}", str(_("Other, namely:"))))
                answers.append((f"{name}: {q.text(main)}"[:60], opts))
        operators = [(op, label) for op, label in OPERATORS.items()]
        for i in range(self.rule_count):
            self.fields[f"rule_{i}_question"] = forms.ChoiceField(
                label=_("Rule %(n)d: question") % {"n": i + 1}, choices=questions, required=False
            )
            self.fields[f"rule_{i}_op"] = forms.ChoiceField(
                label=_("Rule %(n)d: comparison") % {"n": i + 1},
                choices=operators,
                required=False,
            )
            self.fields[f"rule_{i}_answer"] = forms.ChoiceField(
                label=_("Rule %(n)d: answer") % {"n": i + 1}, choices=answers, required=False
            )
            self.fields[f"rule_{i}_number"] = forms.CharField(
                label=_("Rule %(n)d: or a number") % {"n": i + 1},
                required=False,
                max_length=64,
            )

    def condition_initial(self, condition: dict) -> dict:
        out: dict = {"showif_mode": (condition or {}).get("mode", "all")}
        for i, rule in enumerate((condition or {}).get("rules") or []):
            name, value = rule.get("question", ""), str(rule.get("value", ""))
            out[f"rule_{i}_question"] = name
            out[f"rule_{i}_op"] = rule.get("op", "eq")
            q = self.earlier.get(name)
            if q is not None and q.is_choice and rule.get("op") not in VALUELESS_OPERATORS:
                out[f"rule_{i}_answer"] = f"{name}::{value}"
            else:
                out[f"rule_{i}_number"] = value
        return out

    def condition(self) -> dict:
        data = self.cleaned_data  # type: ignore[attr-defined]
        rules = []
        for i in range(self.rule_count):
            name = data.get(f"rule_{i}_question")
            if not name:
                continue
            op = data.get(f"rule_{i}_op") or "eq"
            answer = data.get(f"rule_{i}_answer") or ""
            value = (data.get(f"rule_{i}_number") or "").strip()
            if answer:
                owner, _sep, chosen = answer.partition("::")
                if owner != name:
                    self.add_error(  # type: ignore[attr-defined]
                        f"rule_{i}_answer",
                        _("This answer belongs to another question than the one of the rule."),
                    )
                    continue
                value = chosen
            rules.append({"question": name, "op": op, "value": value})
        return {"mode": data.get("showif_mode") or "all", "rules": rules} if rules else {}

    def title_fields(self) -> list:
        return [self[n] for n in self.fields if n.startswith("title_")]  # type: ignore[index]

    def rule_rows(self) -> list[list]:
        return [
            [self[f"rule_{i}_{part}"] for part in ("question", "op", "answer", "number")]  # type: ignore[index]
            for i in range(self.rule_count)
        ]


class SectionForm(ConditionMixin, StyledFormMixin, forms.Form):
    name = forms.SlugField(
        label=_("Short name"),
        error_messages={"invalid": NAME_MESSAGE, "required": _("Give it a short name.")},
        max_length=64,
        help_text=_("Lower-case letters, digits and _, e.g. service."),
    )

    def __init__(
        self, *args, survey: Survey, earlier: dict, section: Section | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        languages = list(survey.languages)
        names = language_names(languages)
        _texts_fields(self, "title", _("Title"), languages, names, max_length=200)
        self.add_condition_fields(earlier, survey.main_language, section.show_if if section else {})
        if section is not None and not self.is_bound:
            self.initial = {
                "name": section.name,
                **initial_texts("title", section.title, languages),
                **self.condition_initial(section.show_if),
            }
        _style(self)


# -- questions ----------------------------------------------------------------------------------


def _decimal_field(label):
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class QuestionForm(ConditionMixin, StyledFormMixin, forms.Form):
    """One question of a given kind: its texts per language, the settings of that kind, its
    choices or grid rows, and when it shows."""

    name = forms.SlugField(
        label=_("Short name"),
        error_messages={"invalid": NAME_MESSAGE, "required": _("Give it a short name.")},
        max_length=64,
        help_text=_(
            "Lower-case letters, digits and _, e.g. q_repairs. Results and exports use it."
        ),
    )

    def __init__(
        self,
        *args,
        survey: Survey,
        kind: str,
        earlier: dict,
        question: Question | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.languages = languages = list(survey.languages)
        names = language_names(languages)
        self.language_names = names
        label = _("Text of the note") if kind == QuestionKind.NOTE else _("Question")
        _texts_fields(self, "label", label, languages, names, textarea=True)
        main_label = self.fields[f"label_{languages[0]}"]
        main_label.required = True
        main_label.error_messages["required"] = _("Write the question in the main language.")
        if kind != QuestionKind.NOTE:
            _texts_fields(self, "hint", _("Hint"), languages, names, max_length=500)
        if kind not in (QuestionKind.NOTE, QuestionKind.GRID):
            self.fields["required"] = forms.BooleanField(label=_("Required"), required=False)
        if kind != QuestionKind.NOTE:
            self.fields["theme"] = forms.CharField(
                label=_("Theme"),
                required=False,
                max_length=60,
                help_text=_(
                    "What the answers are about, e.g. repairs or community work "
                    "(used to link actions to results)."
                ),
            )
        if kind == QuestionKind.MULTIPLE:
            self.fields["max_choices"] = forms.IntegerField(
                label=_("At most this many answers"),
                required=False,
                min_value=1,
                max_value=99,
                help_text=_("Leave empty for no maximum."),
            )
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            self.fields["allow_other"] = forms.BooleanField(
                label=_("Add “Other, namely:” with a text field"), required=False
            )
        if kind in (QuestionKind.SCALE5, QuestionKind.GRID):
            self.fields["show_faces"] = forms.BooleanField(
                label=_("Show faces next to the words"),
                required=False,
                help_text=_("Helps readers with little Dutch."),
            )
        if kind == QuestionKind.NUMBER:
            self.fields["min_value"] = _decimal_field(_("Lowest"))
            self.fields["max_value"] = _decimal_field(_("Highest"))
            self.fields["whole_number"] = forms.BooleanField(
                label=_("Whole numbers only"), required=False, initial=True
            )
        self.has_choices = kind in CHOICE_KINDS or kind == QuestionKind.GRID
        self.has_scores = kind in (QuestionKind.SCALE5, QuestionKind.GRID)
        existing_choices = list(question.choices.all()) if question is not None else []
        existing_rows = list(question.rows.order_by("position", "pk")) if question else []
        self.choice_count = len(existing_choices) + EMPTY_ROWS if self.has_choices else 0
        if self.has_choices and question is None and self.has_scores:
            self.choice_count = len(build.default_scale()) + 1
        for i in range(self.choice_count):
            self.fields[f"choice_{i}_value"] = forms.CharField(
                label=_("Answer %(n)d: value") % {"n": i + 1}, required=False, max_length=64
            )
            if self.has_scores:
                self.fields[f"choice_{i}_score"] = forms.IntegerField(
                    label=_("Answer %(n)d: score") % {"n": i + 1},
                    required=False,
                    min_value=1,
                    max_value=5,
                )
            for code in languages:
                self.fields[f"choice_{i}_label_{code}"] = forms.CharField(
                    label=_("Answer %(n)d (%(language)s)")
                    % {"n": i + 1, "language": names.get(code, code)},
                    required=False,
                    max_length=300,
                )
        self.row_count = len(existing_rows) + EMPTY_ROWS if kind == QuestionKind.GRID else 0
        self.row_pks = [r.pk for r in existing_rows]
        for i in range(self.row_count):
            self.fields[f"row_{i}_name"] = forms.CharField(
                label=_("Row %(n)d: short name") % {"n": i + 1}, required=False, max_length=64
            )
            self.fields[f"row_{i}_required"] = forms.BooleanField(
                label=_("Row %(n)d: required") % {"n": i + 1}, required=False
            )
            for code in languages:
                self.fields[f"row_{i}_label_{code}"] = forms.CharField(
                    label=_("Row %(n)d (%(language)s)")
                    % {"n": i + 1, "language": names.get(code, code)},
                    required=False,
                    max_length=500,
                )
        self.add_condition_fields(
            earlier, survey.main_language, question.show_if if question else {}
        )
        if not self.is_bound:
            self.initial = self._initial(question, existing_choices, existing_rows)
        _style(self)

    def _initial(self, question, choices, rows) -> dict:
        if question is None:
            out: dict = {"whole_number": True}
            if self.has_scores:
                for i, c in enumerate(build.default_scale()):
                    out[f"choice_{i}_value"] = c.value
                    out[f"choice_{i}_score"] = c.score
                    for code in self.languages:
                        out[f"choice_{i}_label_{code}"] = c.label.get(code, "")
            elif self.kind == QuestionKind.SINGLE:
                out.update(
                    {
                        "choice_0_value": "yes",
                        "choice_1_value": "no",
                        **{
                            f"choice_0_label_{c}": {"nl-be": "Ja", "fr": "Oui", "en": "Yes"}.get(
                                c, ""
                            )
                            for c in self.languages
                        },
                        **{
                            f"choice_1_label_{c}": {"nl-be": "Nee", "fr": "Non", "en": "No"}.get(
                                c, ""
                            )
                            for c in self.languages
                        },
                    }
                )
            return out
        out = {
            "name": question.name,
            **initial_texts("label", question.label, self.languages),
            **initial_texts("hint", question.hint, self.languages),
            "required": question.required,
            "theme": question.theme,
            "max_choices": question.max_choices,
            "allow_other": question.allow_other,
            "show_faces": question.show_faces,
            "min_value": question.min_value,
            "max_value": question.max_value,
            "whole_number": question.whole_number,
            **self.condition_initial(question.show_if),
        }
        for i, c in enumerate(choices):
            out[f"choice_{i}_value"] = c.value
            out[f"choice_{i}_score"] = c.score
            for code in self.languages:
                out[f"choice_{i}_label_{code}"] = c.label.get(code, "")
        for i, r in enumerate(rows):
            out[f"row_{i}_name"] = r.name
            out[f"row_{i}_required"] = r.required
            for code in self.languages:
                out[f"row_{i}_label_{code}"] = r.label.get(code, "")
        return out

    SETTINGS = (
        "required",
        "max_choices",
        "allow_other",
        "show_faces",
        "min_value",
        "max_value",
        "whole_number",
        "theme",
    )

    def text_fields(self) -> list:
        return [self[n] for n in self.fields if n.startswith(("label_", "hint_"))]

    def setting_fields(self) -> list:
        return [self[n] for n in self.SETTINGS if n in self.fields]

    def choice_rows(self) -> list[dict]:
        return [
            {
                "value": self[f"choice_{i}_value"],
                "score": self[f"choice_{i}_score"] if self.has_scores else None,
                "labels": [self[f"choice_{i}_label_{code}"] for code in self.languages],
                "number": i + 1,
                "index": i,
                "last": i == self.choice_count - 1,
            }
            for i in range(self.choice_count)
        ]

    def grid_rows(self) -> list[dict]:
        return [
            {
                "name": self[f"row_{i}_name"],
                "required": self[f"row_{i}_required"],
                "labels": [self[f"row_{i}_label_{code}"] for code in self.languages],
                "number": i + 1,
                "index": i,
                "last": i == self.row_count - 1,
            }
            for i in range(self.row_count)
        ]

    def data_for_action(self) -> build.QuestionData:
        data = self.cleaned_data
        languages = self.languages
        choices = [
            build.ChoiceData(
                value=(data.get(f"choice_{i}_value") or "").strip(),
                label=texts_of(data, f"choice_{i}_label", languages),
                score=data.get(f"choice_{i}_score") if self.has_scores else None,
            )
            for i in range(self.choice_count)
        ]
        rows = [
            build.RowData(
                name=(data.get(f"row_{i}_name") or "").strip(),
                label=texts_of(data, f"row_{i}_label", languages),
                required=bool(data.get(f"row_{i}_required")),
                pk=self.row_pks[i] if i < len(self.row_pks) else None,
            )
            for i in range(self.row_count)
        ]
        low, high = data.get("min_value"), data.get("max_value")
        return build.QuestionData(
            name=data.get("name") or "",
            kind=self.kind,
            label=texts_of(data, "label", languages),
            hint=texts_of(data, "hint", languages),
            required=bool(data.get("required")),
            theme=data.get("theme") or "",
            show_if=self.condition(),
            choices=choices,
            rows=rows,
            max_choices=data.get("max_choices"),
            allow_other=bool(data.get("allow_other")),
            show_faces=bool(data.get("show_faces")),
            min_value=Decimal(low) if low is not None else None,
            max_value=Decimal(high) if high is not None else None,
            whole_number=bool(data.get("whole_number")),
        )

    def field_for(self, key: str | None) -> str | None:
        main = self.languages[0]
        return {
            "label": f"label_{main}",
            "choices": "choice_0_value" if self.has_choices else None,
            "rows": "row_0_name" if self.row_count else None,
            "show_if": "rule_0_question",
        }.get(key or "", key)


def moved(data, move: str, *, choices: int, rows: int):
    """The posted data with two answer rows (``choice:3:up``) or grid rows (``row:1:down``)
    swapped, to show the form again in the new order (nothing is saved), or None."""
    kind, _sep, rest = move.partition(":")
    index, _sep, direction = rest.partition(":")
    count = {"choice": choices, "row": rows}.get(kind)
    if count is None or not index.isdigit() or direction not in ("up", "down"):
        return None
    i = int(index)
    j = i - 1 if direction == "up" else i + 1
    if not (0 <= i < count and 0 <= j < count):
        return None
    copy = data.copy()
    a, b = f"{kind}_{i}_", f"{kind}_{j}_"
    keys = {k[len(a) :] for k in data if k.startswith(a)} | {
        k[len(b) :] for k in data if k.startswith(b)
    }
    for key in keys:
        first, second = data.getlist(a + key), data.getlist(b + key)
        copy.setlist(a + key, second)
        copy.setlist(b + key, first)
    copy.pop("move_row", None)
    return copy
