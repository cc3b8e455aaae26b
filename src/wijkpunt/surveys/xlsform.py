"""XLSForm in and out (docs/surveys-xlsform.md).

``read(data)`` turns a workbook (survey / choices / settings sheets) into a ``SurveyPlan``: a
survey's sections, questions and choices as plain objects, checked in full before anything is
written. The workbook is read with pyxform's own reader (``xls2json_backends.xlsx_to_dict``)
and its expression lexer; what Wijkpunt does not support is refused with the sheet, row and
column named, every problem at once (``XLSFormError.problems``), in the active language.
``actions_xlsform.import_xlsform`` writes a plan in one transaction.

``export(survey)`` writes the workbook that ``read`` turns back into the same survey: every
question row carries its Wijkpunt kind in ``wijkpunt::kind``, so nothing depends on guessing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from wijkpunt.core.spreadsheet import xlsx_cell
from wijkpunt.surveys.definition import OTHER, QuestionDef, SurveyDef, load
from wijkpunt.surveys.models import Language, QuestionKind, Survey

MAX_BYTES = 2 * 1024 * 1024  # an upload larger than this is refused before it is read
MAX_ROWS = 3000  # rows of a sheet
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$")
CHOICE_RE = re.compile(r"^\S{1,64}$")
WHITESPACE = re.compile(r"\s+")
LANGUAGE_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[^()]+)\)\s*$")

# XLSForm's language codes → Wijkpunt's.
LANGUAGE_CODES = {"nl": "nl-be", "nl-be": "nl-be", "fr": "fr", "fr-be": "fr", "en": "en"}
SHEETS = ("survey", "choices", "settings")
REFUSED_SHEETS = ("external_choices", "entities", "osm")
YES = {"yes", "true", "true()", "1"}
NO = {"no", "false", "false()", "0"}

# Columns that change what a form does and that Wijkpunt cannot honour: refused when a row
# fills them. Other unknown columns (``$kuid``, ``constraint_message``, …) are ignored.
REFUSED_COLUMNS = frozenset(
    {
        "calculation",
        "calculate",
        "default",
        "read_only",
        "readonly",
        "choice_filter",
        "repeat_count",
        "jr:count",
        "count",
        "trigger",
        "parameters",
        "image",
        "big-image",
        "audio",
        "video",
        "media",
        "body",
        "bind",
        "instance",
        "save_to",
    }
)
# Types Wijkpunt refuses because they would record time, place or device: answers stay
# anonymous.
TRACKING_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "phonenumber",
        "username",
        "email",
        "audit",
        "simserial",
        "subscriberid",
        "start-geopoint",
        "background-geopoint",
        "background-audio",
    }
)
KIND_COLUMN = "wijkpunt::kind"
FACES_COLUMN = "wijkpunt::faces"
THEME_COLUMN = "wijkpunt::theme"
SCORE_COLUMN = "wijkpunt::score"
GRID_APPEARANCES = frozenset({"table-list", "field-list"})
RATING_VALUES = [str(n) for n in range(11)]
SCALE_VALUES = ["1", "2", "3", "4", "5"]


# -- problems -------------------------------------------------------------------------------


@dataclass
class Problem:
    """One thing wrong with a workbook, where it is: ``row`` counts as the spreadsheet does
    (the header is row 1); ``column`` is the header, ``letter`` its column letter."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    letter: str = ""

    @property
    def place(self) -> str:
        parts = [_("sheet %(sheet)s") % {"sheet": self.sheet}]
        if self.row:
            parts.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            column = f"{self.column} ({self.letter})" if self.letter else self.column
            parts.append(_("column %(column)s") % {"column": column})
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class XLSFormError(ValueError):
    """The workbook cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# -- what a workbook describes ----------------------------------------------------------------


@dataclass
class ChoicePlan:
    value: str
    label: dict
    score: int | None = None


@dataclass
class QuestionPlan:
    name: str
    kind: str
    label: dict
    hint: dict = field(default_factory=dict)
    required: bool = False
    show_if: dict = field(default_factory=dict)
    choices: list[ChoicePlan] = field(default_factory=list)
    max_choices: int | None = None
    allow_other: bool = False
    show_faces: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole_number: bool = True
    theme: str = ""
    rows: list[QuestionPlan] = field(default_factory=list)
    # where it came from, for the problems found later
    row: int = 0
    relevant: str = ""


@dataclass
class SectionPlan:
    name: str
    title: dict
    show_if: dict = field(default_factory=dict)
    questions: list[QuestionPlan] = field(default_factory=list)
    row: int = 0
    relevant: str = ""


@dataclass
class SurveyPlan:
    title: dict
    intro: dict
    thanks: dict
    languages: list[str]
    form_id: str
    version: int
    sections: list[SectionPlan]


# -- reading --------------------------------------------------------------------------------


def _clean_header(text: str) -> str:
    return WHITESPACE.sub(" ", text.strip())


@dataclass
class _Sheet:
    name: str
    rows: list[dict[str, str]]
    letters: dict[str, str]  # header → column letter

    def row_number(self, index: int) -> int:
        return index + 2


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.sheets: dict[str, _Sheet] = {}
        self.known_languages = {
            code.lower(): (code, name, native)
            for code, name, native in Language.objects.values_list("code", "name", "native_name")
        }

    def problem(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        letter = ""
        if column and sheet in self.sheets:
            letter = self.sheets[sheet].letters.get(column, "")
        self.problems.append(Problem(sheet, row, column, message, letter))

    # -- the workbook --

    def open(self, data: bytes) -> bool:
        """Read the sheets; False when the file cannot be read at all."""
        from pyxform.xls2json_backends import xlsx_to_dict

        letters: dict[str, dict[str, str]] = {}
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # anything a broken file raises
            self.problem("–", None, None, _("This file is not an Excel workbook (.xlsx)."))
            return False
        try:
            names = {name.lower(): name for name in wb.sheetnames}
            if "survey" not in names:
                self.problem("survey", None, None, _("The workbook has no sheet called “survey”."))
                return False
            for sheet in REFUSED_SHEETS:
                if sheet in names and wb[names[sheet]].max_row and wb[names[sheet]].max_row > 1:
                    self.problem(sheet, None, None, _("Wijkpunt does not support this sheet."))
            ok = True
            for sheet in SHEETS:
                if sheet not in names:
                    continue
                ws = wb[names[sheet]]
                if (ws.max_row or 0) > MAX_ROWS:
                    self.problem(
                        sheet,
                        None,
                        None,
                        _("This sheet has more than %(n)d rows.") % {"n": MAX_ROWS},
                    )
                    ok = False
                    continue
                first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
                seen: dict[str, str] = {}
                for i, value in enumerate(first, start=1):
                    if value is None or not str(value).strip():
                        continue
                    header = _clean_header(str(value))
                    if header in seen:
                        self.problem(
                            sheet,
                            1,
                            None,
                            _("The column “%(column)s” appears twice (%(a)s and %(b)s).")
                            % {"column": header, "a": seen[header], "b": get_column_letter(i)},
                        )
                        ok = False
                    seen[header] = get_column_letter(i)
                letters[sheet] = seen
        finally:
            wb.close()
        if not ok:
            return False
        try:
            book = xlsx_to_dict(io.BytesIO(data))
        except Exception:  # pyxform's reader refuses what it cannot read
            self.problem("–", None, None, _("This file is not an Excel workbook (.xlsx)."))
            return False
        for sheet in SHEETS:
            if sheet in letters:
                rows = [
                    {_clean_header(str(k)): str(v).strip() for k, v in row.items()}
                    for row in book.get(sheet) or []
                ]
                self.sheets[sheet] = _Sheet(sheet, rows, letters[sheet])
        return True

    # -- languages --

    def language(self, text: str) -> str | None:
        """The Wijkpunt code for an XLSForm language ("Dutch (nl)", "nl", "Arabic (ar)")."""
        text = text.strip()
        match = LANGUAGE_RE.match(text)
        code = (match.group("code") if match else text).strip().lower().replace("_", "-")
        if code in LANGUAGE_CODES:
            return LANGUAGE_CODES[code]
        if code in self.known_languages:
            return self.known_languages[code][0]
        if not match:
            for known, name, native in self.known_languages.values():
                if text.lower() in (name.lower(), native.lower()):
                    return known
        return None

    def translated_columns(self, sheet: _Sheet, base: str, default: str) -> dict[str, str]:
        """Header → language code of the ``base`` and ``base::Language (code)`` columns."""
        out: dict[str, str] = {}
        for header in sheet.letters:
            low = header.lower()
            if low == base:
                out[header] = default
                continue
            if not low.startswith(f"{base}::"):
                continue
            rest = header[len(base) + 2 :]
            code = self.language(rest)
            if code is None:
                self.problem(
                    sheet.name,
                    1,
                    header,
                    _(
                        "Wijkpunt does not know the language “%(language)s”. Use Dutch (nl), "
                        "French (fr), English (en) or a language an administrator has added."
                    )
                    % {"language": rest.strip()},
                )
                continue
            out[header] = code
        return out


def _texts(row: Mapping[str, str], columns: Mapping[str, str]) -> dict[str, str]:
    """The texts of ``row`` by language; an explicit language wins over the plain column."""
    out: dict[str, str] = {}
    for header, code in columns.items():
        value = row.get(header, "")
        if value and (code not in out or "::" in header):
            out[code] = value
    return out


def _yes_no(value: str) -> bool | None:
    low = value.strip().lower()
    if low in YES:
        return True
    if low in NO or not low:
        return False
    return None


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 10:
        return None
    if number != number.quantize(Decimal("0.01")):
        return None
    return number


# -- expressions ----------------------------------------------------------------------------


class _Untranslatable(ValueError):
    pass


def _tokens(expression: str) -> list[tuple[str, str]]:
    from pyxform.parsing.expression import parse_expression

    out: list[tuple[str, str]] = []
    for token in parse_expression(expression):
        kind, value = token.type, str(token.value)
        if kind == "WHITESPACE":
            continue
        if kind == "OPS_COMP" and out and out[-1][0] == "OPS_COMP" and value == "=":
            out[-1] = ("OPS_COMP", out[-1][1] + "=")  # the lexer splits >= and <=
            continue
        if kind == "OPS_BOOL":
            value = value.strip()
        out.append((kind, value))
    return out


def _depth_change(kind: str) -> int:
    if kind in ("FUNC_CALL", "OPEN_PAREN"):
        return 1
    if kind == "CLOSE_PAREN":
        return -1
    return 0


def _strip_parens(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while len(tokens) >= 2 and tokens[0][0] == "OPEN_PAREN" and tokens[-1][0] == "CLOSE_PAREN":
        depth = 0
        for i, (kind, _value) in enumerate(tokens):
            depth += _depth_change(kind)
            if depth == 0 and i < len(tokens) - 1:
                return tokens  # "(a) and (b)": the brackets do not enclose everything
        tokens = tokens[1:-1]
    return tokens


def _split(tokens: list[tuple[str, str]]) -> tuple[list[list[tuple[str, str]]], set[str]]:
    parts: list[list[tuple[str, str]]] = [[]]
    ops: set[str] = set()
    depth = 0
    for kind, value in tokens:
        if kind == "OPS_BOOL" and depth == 0:
            ops.add(value)
            parts.append([])
            continue
        depth += _depth_change(kind)
        if depth < 0:
            raise _Untranslatable
        parts[-1].append((kind, value))
    if depth != 0:
        raise _Untranslatable
    return parts, ops


def _literal(kind: str, value: str) -> str:
    if kind == "SYSTEM_LITERAL":
        return value[1:-1]
    if kind == "NUMBER":
        return value
    raise _Untranslatable


def _ref(kind: str, value: str) -> str:
    if kind != "PYXFORM_REF" or "#" in value:
        raise _Untranslatable
    return value[2:-1]


COMPARISONS = {"=": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le"}


def _rule(tokens: list[tuple[str, str]]) -> dict:
    tokens = _strip_parens(tokens)
    kinds = [k for k, _v in tokens]
    values = [v for _k, v in tokens]
    if kinds == ["PYXFORM_REF", "OPS_COMP", "SYSTEM_LITERAL"] or kinds == [
        "PYXFORM_REF",
        "OPS_COMP",
        "NUMBER",
    ]:
        name = _ref(*tokens[0])
        op = COMPARISONS.get(values[1])
        value = _literal(*tokens[2])
        if op is None:
            raise _Untranslatable
        if value == "" and kinds[2] == "SYSTEM_LITERAL" and op in ("eq", "ne"):
            return {"question": name, "op": "not_answered" if op == "eq" else "answered"}
        return {"question": name, "op": op, "value": value}
    selected = ["FUNC_CALL", "PYXFORM_REF", "COMMA", "SYSTEM_LITERAL", "CLOSE_PAREN"]
    if kinds == selected and values[0] == "selected(":
        return {"question": _ref(*tokens[1]), "op": "selected", "value": _literal(*tokens[3])}
    if (
        kinds == ["FUNC_CALL", *selected, "CLOSE_PAREN"]
        and values[0] == "not("
        and values[1] == "selected("
    ):
        return {
            "question": _ref(*tokens[2]),
            "op": "not_selected",
            "value": _literal(*tokens[4]),
        }
    raise _Untranslatable


def relevant_to_condition(expression: str) -> dict:
    """An XLSForm ``relevant`` expression as a show-if condition (``conditions``); raises
    ValueError for what the condition form cannot say."""
    expression = expression.strip()
    if not expression:
        return {}
    tokens = _strip_parens(_tokens(expression))
    parts, ops = _split(tokens)
    if len(ops) > 1 or any(not part for part in parts):
        raise _Untranslatable
    rules = [_rule(part) for part in parts]
    return {"mode": "any" if ops == {"or"} else "all", "rules": rules}


def _constraint_bounds(expression: str) -> tuple[Decimal | None, Decimal | None, bool]:
    """``. >= 0 and . <= 10`` → (0, 10, strict?) — strict when ``>``/``<`` were used."""
    tokens = _tokens(expression)
    parts, ops = _split(tokens)
    if ops - {"and"} or len(parts) > 2:
        raise _Untranslatable
    low: Decimal | None = None
    high: Decimal | None = None
    strict = False
    for part in parts:
        kinds = [k for k, _v in part]
        if kinds != ["SELF_REF", "OPS_COMP", "NUMBER"]:
            raise _Untranslatable
        op, number = part[1][1], _decimal(part[2][1])
        if number is None:
            raise _Untranslatable
        if op in (">", ">="):
            if low is not None:
                raise _Untranslatable
            low = number + 1 if op == ">" else number
        elif op in ("<", "<="):
            if high is not None:
                raise _Untranslatable
            high = number - 1 if op == "<" else number
        else:
            raise _Untranslatable
        strict = strict or op in (">", "<")
    return low, high, strict


def _count_selected(expression: str) -> int:
    tokens = _tokens(expression)
    kinds = [k for k, _v in tokens]
    if kinds != ["FUNC_CALL", "SELF_REF", "CLOSE_PAREN", "OPS_COMP", "NUMBER"]:
        raise _Untranslatable
    if tokens[0][1] != "count-selected(" or tokens[3][1] not in ("<=", "<"):
        raise _Untranslatable
    try:
        n = int(tokens[4][1])
    except ValueError:
        raise _Untranslatable from None
    n = n - 1 if tokens[3][1] == "<" else n
    if n < 1:
        raise _Untranslatable
    return n


# -- the survey sheet -----------------------------------------------------------------------


@dataclass
class _Row:
    index: int  # spreadsheet row
    type: str
    args: list[str]
    name: str
    data: dict[str, str]


@dataclass
class _Group:
    row: _Row
    children: list[Any] = field(default_factory=list)  # _Row or _Group


class _SurveyReader(_Reader):
    def read(self, data: bytes, filename: str) -> SurveyPlan | None:
        if not self.open(data):
            return None
        settings = self.sheets.get("settings")
        default = "nl-be"
        setting: dict[str, str] = {}
        if settings is not None:
            setting = next((row for row in settings.rows if row), {})
            default_text = setting.get("default_language", "")
            if default_text:
                code = self.language(default_text)
                if code is None:
                    self.problem(
                        "settings",
                        2,
                        "default_language",
                        _("Wijkpunt does not know the language “%(language)s”.")
                        % {"language": default_text},
                    )
                else:
                    default = code
        survey = self.sheets["survey"]
        self.label_columns = self.translated_columns(survey, "label", default)
        self.hint_columns = self.translated_columns(survey, "hint", default)
        self.lists = self.read_choices(default)
        languages = self.languages_used(default)
        sections = self.read_survey(survey)

        title: dict[str, str] = {}
        intro: dict[str, str] = {}
        thanks: dict[str, str] = {}
        form_id = ""
        version = 1
        if settings is not None:
            title = _texts(setting, self.translated_columns(settings, "form_title", default))
            intro = _texts(setting, self.translated_columns(settings, "wijkpunt::intro", default))
            thanks = _texts(setting, self.translated_columns(settings, "wijkpunt::thanks", default))
            form_id = setting.get("form_id", "")
            if form_id and not re.fullmatch(r"[-a-zA-Z0-9_]{1,100}", form_id):
                self.problem(
                    "settings",
                    2,
                    "form_id",
                    _("A form id can only have letters, digits, _ and -."),
                )
            text = setting.get("version", "")
            if text.isdigit() and 1 <= int(text) <= 32767:
                version = int(text)
        if not title:
            fallback = form_id or filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            if fallback:
                title = {default: fallback}
            else:
                self.problem("settings", 2, "form_title", _("The survey needs a title."))
        for texts in (title, intro, thanks):
            for code in texts:
                if code not in languages:
                    languages.append(code)
        if self.problems:
            return None
        return SurveyPlan(
            title=title,
            intro=intro,
            thanks=thanks,
            languages=languages,
            form_id=form_id,
            version=version,
            sections=sections,
        )

    def languages_used(self, default: str) -> list[str]:
        codes = [default]
        for columns in (self.label_columns, self.hint_columns, self.choice_label_columns):
            for code in columns.values():
                if code not in codes:
                    codes.append(code)
        return codes

    # -- choices --

    def read_choices(self, default: str) -> dict[str, tuple[int, list[ChoicePlan]]]:
        """List name → (first row, choices)."""
        self.choice_label_columns: dict[str, str] = {}
        sheet = self.sheets.get("choices")
        lists: dict[str, tuple[int, list[ChoicePlan]]] = {}
        if sheet is None:
            return lists
        self.choice_label_columns = self.translated_columns(sheet, "label", default)
        list_column = "list_name" if "list_name" in sheet.letters else "list name"
        self.refuse_columns(sheet)
        for index, row in enumerate(sheet.rows):
            if not row:
                continue
            number = sheet.row_number(index)
            list_name = row.get(list_column, "")
            value = row.get("name", "")
            if not list_name:
                self.problem("choices", number, "list_name", _("This choice has no list name."))
                continue
            if not value:
                self.problem("choices", number, "name", _("This choice has no name."))
                continue
            if not CHOICE_RE.match(value):
                self.problem(
                    "choices",
                    number,
                    "name",
                    _("A choice's name has no spaces and at most 64 characters."),
                )
                continue
            label = _texts(row, self.choice_label_columns)
            if not label:
                self.problem("choices", number, "label", _("This choice has no label."))
            score: int | None = None
            score_text = row.get(SCORE_COLUMN, "")
            if score_text:
                if score_text not in SCALE_VALUES:
                    self.problem(
                        "choices",
                        number,
                        SCORE_COLUMN,
                        _("A score is a whole number from 1 to 5, or empty."),
                    )
                else:
                    score = int(score_text)
            first, choices = lists.setdefault(list_name, (number, []))
            if any(c.value == value for c in choices):
                self.problem(
                    "choices",
                    number,
                    "name",
                    _("The list “%(list)s” already has a choice “%(name)s”.")
                    % {"list": list_name, "name": value},
                )
                continue
            choices.append(ChoicePlan(value, label, score))
        return lists

    def refuse_columns(self, sheet: _Sheet) -> None:
        for header in sheet.letters:
            base = header.partition("::")[0].strip().lower()
            if base not in REFUSED_COLUMNS:
                continue
            for index, row in enumerate(sheet.rows):
                if row.get(header):
                    self.problem(
                        sheet.name,
                        sheet.row_number(index),
                        header,
                        _("Wijkpunt does not support this column. Leave it empty."),
                    )

    # -- the survey sheet --

    def read_survey(self, sheet: _Sheet) -> list[SectionPlan]:
        if "type" not in sheet.letters:
            self.problem("survey", 1, None, _("The survey sheet has no “type” column."))
            return []
        self.refuse_columns(sheet)
        root = _Group(_Row(0, "root", [], "", {}))
        stack = [root]
        for index, data in enumerate(sheet.rows):
            if not data:
                continue
            row = self.parse_type(sheet.row_number(index), data)
            if row is None:
                continue
            if row.type == "begin_group":
                group = _Group(row)
                stack[-1].children.append(group)
                stack.append(group)
            elif row.type == "end_group":
                if len(stack) == 1:
                    self.problem(
                        "survey", row.index, "type", _("This end_group has no begin_group.")
                    )
                else:
                    stack.pop()
            else:
                stack[-1].children.append(row)
        for open_group in stack[1:]:
            self.problem("survey", open_group.row.index, "type", _("This group has no end_group."))
        return self.build(root)

    def parse_type(self, index: int, data: dict[str, str]) -> _Row | None:
        raw = " ".join(data.get("type", "").split())
        low = raw.lower()
        name = data.get("name", "")
        if not raw:
            if any(data.get(h) for h in ("name", "label")) or _texts(data, self.label_columns):
                self.problem("survey", index, "type", _("This row has no type."))
            return None
        for prefix, kind in (
            ("select_one ", "select_one"),
            ("select one ", "select_one"),
            ("select1 ", "select_one"),
            ("select_multiple ", "select_multiple"),
            ("select all that apply ", "select_multiple"),
        ):
            if low.startswith(prefix):
                args = raw[len(prefix) :].split()
                if not args or len(args) > 2 or (len(args) == 2 and args[1] != "or_other"):
                    self.problem(
                        "survey",
                        index,
                        "type",
                        _("Write the type as “%(type)s list_name” or “%(type)s list_name "
                          "or_other”.") % {"type": kind},
                    )  # fmt: skip
                    return None
                return _Row(index, kind, args, name, data)
        simple = {
            "begin_group": "begin_group",
            "begin group": "begin_group",
            "end_group": "end_group",
            "end group": "end_group",
            "text": "text",
            "integer": "integer",
            "int": "integer",
            "decimal": "decimal",
            "note": "note",
        }
        if low in simple:
            return _Row(index, simple[low], [], name, data)
        if low in TRACKING_TYPES:
            message = _(
                "Wijkpunt does not record “%(type)s”: answers stay anonymous, without times, "
                "devices or names. Remove this row."
            ) % {"type": raw}
        elif low.startswith(("begin repeat", "begin_repeat", "end repeat", "end_repeat")):
            message = _("Wijkpunt does not support repeats. Ask each question once.")
        else:
            message = _("Wijkpunt does not support the type “%(type)s”.") % {"type": raw}
        self.problem("survey", index, "type", message)
        return None

    # -- from rows to sections --

    def build(self, root: _Group) -> list[SectionPlan]:
        sections: list[SectionPlan] = []
        loose: SectionPlan | None = None
        names: dict[str, int] = {}
        for child in root.children:
            if isinstance(child, _Group) and not self.is_grid(child):
                loose = None
                section = self.section(child, names)
                if section is not None:
                    sections.append(section)
                continue
            if loose is None:
                loose = SectionPlan(name="", title={})
                sections.append(loose)
            item = self.grid(child, names) if isinstance(child, _Group) else self.question(child)
            if item is not None and self.claim(item.name, item.row, names):
                loose.questions.append(item)
        # Sections for the questions outside any group get a name no group took.
        taken = {s.name for s in sections if s.name}
        counter = 0
        for section in sections:
            if not section.name:
                counter += 1
                while f"section_{counter}" in taken or f"section_{counter}" in names:
                    counter += 1
                section.name = f"section_{counter}"
        self.conditions(sections)
        return sections

    def claim(self, name: str, row: int, names: dict[str, int]) -> bool:
        """Take ``name`` for the item on ``row``; False (and a problem) when it is taken."""
        if name in names:
            self.problem(
                "survey",
                row,
                "name",
                _("The name “%(name)s” is already used on row %(row)d.")
                % {"name": name, "row": names[name]},
            )
            return False
        names[name] = row
        return True

    def valid_name(self, row: _Row) -> bool:
        if not row.name:
            self.problem("survey", row.index, "name", _("This row needs a name."))
            return False
        if not NAME_RE.match(row.name):
            self.problem(
                "survey",
                row.index,
                "name",
                _(
                    "The name “%(name)s” can only have letters without accents, digits, _ "
                    "and -, must start with a letter and have at most 64 characters."
                )
                % {"name": row.name},
            )
            return False
        return True

    def kind_of(self, row: _Row, allowed: Iterable[str]) -> str | None:
        """The ``wijkpunt::kind`` of a row, "" when empty; None when it does not fit."""
        kind = row.data.get(KIND_COLUMN, "").strip().lower()
        if kind and kind not in allowed:
            self.problem(
                "survey",
                row.index,
                KIND_COLUMN,
                _("“%(kind)s” does not fit the type %(type)s. Possible here: %(allowed)s.")
                % {"kind": kind, "type": row.type, "allowed": ", ".join(allowed)},
            )
            return None
        return kind

    def appearance(self, row: _Row) -> set[str]:
        return set(row.data.get("appearance", "").lower().split())

    def is_grid(self, group: _Group) -> bool:
        kind = group.row.data.get(KIND_COLUMN, "").strip().lower()
        if kind == "section":
            return False
        rows = [c for c in group.children if not self.is_header_row(c)]
        lists = {
            c.args[0]
            if isinstance(c, _Row) and c.type == "select_one" and len(c.args) == 1
            else None
            for c in rows
        }
        shared = next(iter(lists)) if len(lists) == 1 else None
        fits = (
            bool(rows)
            and shared is not None
            and shared in self.lists
            and self.list_kind(shared) != QuestionKind.RATING10
        )
        if kind == "grid":
            if not fits:
                self.problem(
                    "survey",
                    group.row.index,
                    KIND_COLUMN,
                    _("A grid holds only select_one questions on one list (no or_other)."),
                )
            return True
        return fits and bool(self.appearance(group.row) & GRID_APPEARANCES)

    def is_header_row(self, child: Any) -> bool:
        """A table-list's first row with appearance ``label`` shows the choices, nothing more."""
        return (
            isinstance(child, _Row)
            and child.type == "select_one"
            and "label" in self.appearance(child)
        )

    def section(self, group: _Group, names: dict[str, int]) -> SectionPlan | None:
        row = group.row
        if not self.valid_name(row):
            return None
        self.kind_of(row, ("section", "grid"))
        self.claim(row.name, row.index, names)
        section = SectionPlan(
            name=row.name,
            title=_texts(row.data, self.label_columns),
            row=row.index,
            relevant=row.data.get("relevant", ""),
        )
        self.unused(row, ("required", "constraint", "hint"))
        for child in group.children:
            if isinstance(child, _Group):
                if not self.is_grid(child):
                    self.problem(
                        "survey",
                        child.row.index,
                        "type",
                        _(
                            "A group inside a group is only possible as a grid: select_one "
                            "questions on one list, with appearance table-list or field-list."
                        ),
                    )
                    continue
                item = self.grid(child, names)
            else:
                item = self.question(child)
            if item is not None and self.claim(item.name, item.row, names):
                section.questions.append(item)
        return section

    def unused(self, row: _Row, columns: Iterable[str]) -> None:
        for column in columns:
            headers = [h for h in row.data if h == column or h.lower().startswith(f"{column}::")]
            for header in headers:
                if row.data.get(header):
                    self.problem(
                        "survey",
                        row.index,
                        header,
                        _("Wijkpunt does not use this column on a %(type)s row.")
                        % {"type": row.type},
                    )

    def grid(self, group: _Group, names: dict[str, int]) -> QuestionPlan | None:
        row = group.row
        if not self.valid_name(row):
            return None
        rows = [c for c in group.children if not self.is_header_row(c)]
        if any(isinstance(c, _Group) for c in rows):
            self.problem("survey", row.index, "type", _("A grid cannot hold another group."))
            return None
        rows = [c for c in rows if c.type == "select_one" and c.args]
        list_name = rows[0].args[0] if rows else ""
        explicit = {c.data.get(KIND_COLUMN, "").strip().lower() for c in rows} - {""}
        kind: str
        if explicit == {"scale5"}:
            kind = QuestionKind.SCALE5
        elif explicit == {"single"}:
            kind = QuestionKind.SINGLE
        else:
            kind = self.list_kind(list_name)
        choices = self.choices_for(list_name, kind, rows[0]) if rows else []
        grid = QuestionPlan(
            name=row.name,
            kind=QuestionKind.GRID,
            label=_texts(row.data, self.label_columns),
            hint=_texts(row.data, self.hint_columns),
            choices=choices,
            show_faces=self.faces(row, kind == QuestionKind.SCALE5),
            theme=row.data.get(THEME_COLUMN, "")[:60],
            row=row.index,
            relevant=row.data.get("relevant", ""),
        )
        self.unused(row, ("required", "constraint"))
        for child in rows:
            if not isinstance(child, _Row) or not self.valid_name(child):
                continue
            self.kind_of(child, ("scale5", "single"))
            if not self.claim(child.name, child.index, names):
                continue
            grid.rows.append(
                QuestionPlan(
                    name=child.name,
                    kind=kind if kind == QuestionKind.SCALE5 else QuestionKind.SINGLE,
                    label=self.label(child),
                    hint=_texts(child.data, self.hint_columns),
                    required=self.required(child),
                    theme=child.data.get(THEME_COLUMN, "")[:60],
                    row=child.index,
                    relevant=child.data.get("relevant", ""),
                )
            )
            self.unused(child, ("constraint",))
        return grid

    def label(self, row: _Row) -> dict:
        label = _texts(row.data, self.label_columns)
        if not label:
            self.problem("survey", row.index, "label", _("This question has no label."))
        return label

    def required(self, row: _Row) -> bool:
        value = _yes_no(row.data.get("required", ""))
        if value is None:
            self.problem("survey", row.index, "required", _("Write yes or no (or leave it empty)."))
            return False
        return value

    def faces(self, row: _Row, scale: bool) -> bool:
        value = _yes_no(row.data.get(FACES_COLUMN, ""))
        if value is None or (value and not scale):
            self.problem(
                "survey",
                row.index,
                FACES_COLUMN,
                _("Faces are for 5-point scales only: write yes or no (or leave it empty)."),
            )
            return False
        return value

    def list_kind(self, list_name: str) -> str:
        """What a list looks like: a 5-point scale, a 0–10 rating or plain choices."""
        _first, choices = self.lists.get(list_name, (0, []))
        values = [c.value for c in choices]
        if sorted(values, key=lambda v: int(v) if v.isdigit() else -1) == RATING_VALUES:
            return QuestionKind.RATING10
        scored = [c for c in choices if c.score is not None]
        if scored and sorted(c.score for c in scored if c.score) == [1, 2, 3, 4, 5]:
            return QuestionKind.SCALE5 if len(choices) - len(scored) <= 1 else QuestionKind.SINGLE
        numeric = sorted(v for v in values if v in SCALE_VALUES)
        if numeric == SCALE_VALUES and len(values) - 5 <= 1 and not scored:
            rest = [v for v in values if v not in SCALE_VALUES]
            if not rest or not rest[0].lstrip("-").isdigit():
                return QuestionKind.SCALE5
        return QuestionKind.SINGLE

    def choices_for(self, list_name: str, kind: str, row: _Row) -> list[ChoicePlan]:
        if list_name not in self.lists:
            self.problem(
                "survey",
                row.index,
                "type",
                _("The list “%(list)s” is not on the choices sheet.") % {"list": list_name},
            )
            return []
        _first, choices = self.lists[list_name]
        plans = [ChoicePlan(c.value, dict(c.label), c.score) for c in choices]
        if kind == QuestionKind.SCALE5:
            if not any(c.score for c in plans):
                numeric = all(c.value in SCALE_VALUES for c in plans[:5])
                for position, choice in enumerate(plans):
                    if choice.value in SCALE_VALUES and numeric:
                        choice.score = int(choice.value)
                    elif not numeric and position < 5:
                        choice.score = position + 1
            if len(plans) not in (5, 6) or sorted(c.score or 0 for c in plans)[-5:] != [
                1,
                2,
                3,
                4,
                5,
            ]:
                self.problem(
                    "survey",
                    row.index,
                    "type",
                    _(
                        "A 5-point scale needs a list of five choices (scores 1 to 5) and at "
                        "most one more, like “no opinion”."
                    ),
                )
        return plans

    def question(self, row: _Row) -> QuestionPlan | None:
        if not self.valid_name(row):
            return None
        plan = QuestionPlan(
            name=row.name,
            kind="",
            label=self.label(row),
            hint=_texts(row.data, self.hint_columns),
            required=self.required(row),
            theme=row.data.get(THEME_COLUMN, "")[:60],
            row=row.index,
            relevant=row.data.get("relevant", ""),
        )
        constraint = row.data.get("constraint", "")
        if row.type in ("select_one", "select_multiple"):
            list_name = row.args[0]
            plan.allow_other = len(row.args) == 2
            if row.type == "select_multiple":
                if self.kind_of(row, ("multiple",)) is None:
                    return None
                plan.kind = QuestionKind.MULTIPLE
                plan.choices = self.choices_for(list_name, QuestionKind.MULTIPLE, row)
                if constraint:
                    try:
                        plan.max_choices = _count_selected(constraint)
                    except _Untranslatable:
                        self.problem(
                            "survey",
                            row.index,
                            "constraint",
                            _("For select_multiple Wijkpunt understands only a maximum, like "
                              "count-selected(.) <= 3."),
                        )  # fmt: skip
            else:
                kind = self.kind_of(row, ("single", "scale5", "rating10"))
                if kind is None:
                    return None
                plan.kind = kind or self.list_kind(list_name)
                if plan.kind == QuestionKind.RATING10:
                    values = sorted(c.value for c in self.lists.get(list_name, (0, []))[1])
                    if list_name in self.lists and values != sorted(RATING_VALUES):
                        self.problem(
                            "survey",
                            row.index,
                            "type",
                            _("A 0–10 rating needs a list with the choices 0 to 10."),
                        )
                    elif list_name not in self.lists:
                        self.choices_for(list_name, plan.kind, row)
                else:
                    plan.choices = self.choices_for(list_name, plan.kind, row)
                if constraint:
                    self.unused(row, ("constraint",))
            if plan.allow_other:
                if plan.kind in (QuestionKind.SCALE5, QuestionKind.RATING10):
                    self.problem(
                        "survey", row.index, "type", _("A scale or a rating has no or_other.")
                    )
                elif any(c.value == OTHER for c in plan.choices):
                    self.problem(
                        "survey",
                        row.index,
                        "type",
                        _("The list already has a choice “other”: remove it or remove "
                          "or_other."),
                    )  # fmt: skip
            plan.show_faces = self.faces(row, plan.kind == QuestionKind.SCALE5)
        elif row.type in ("integer", "decimal"):
            kinds = ("number", "rating10") if row.type == "integer" else ("number",)
            kind = self.kind_of(row, kinds)
            if kind is None:
                return None
            plan.kind = kind or QuestionKind.NUMBER
            plan.whole_number = row.type == "integer"
            low = high = None
            if constraint:
                try:
                    low, high, strict = _constraint_bounds(constraint)
                    if strict and not plan.whole_number:
                        raise _Untranslatable
                except _Untranslatable:
                    self.problem(
                        "survey",
                        row.index,
                        "constraint",
                        _("Wijkpunt understands a constraint on a number only as a range, "
                          "like . >= 0 and . <= 10."),
                    )  # fmt: skip
            if low is not None and high is not None and low > high:
                self.problem(
                    "survey", row.index, "constraint", _("The lowest value is above the highest.")
                )
            if plan.kind == QuestionKind.RATING10:
                if (low, high) not in ((None, None), (0, 10)):
                    self.problem(
                        "survey",
                        row.index,
                        "constraint",
                        _("A 0–10 rating always goes from 0 to 10."),
                    )
            else:
                plan.min_value, plan.max_value = low, high
        elif row.type == "text":
            kind = self.kind_of(row, ("short_text", "long_text"))
            if kind is None:
                return None
            multiline = "multiline" in self.appearance(row)
            plan.kind = kind or (QuestionKind.LONG_TEXT if multiline else QuestionKind.SHORT_TEXT)
            self.unused(row, ("constraint",))
        elif row.type == "note":
            if self.kind_of(row, ("note",)) is None:
                return None
            plan.kind = QuestionKind.NOTE
            self.unused(row, ("constraint", "required"))
        if row.type not in ("select_one", "select_multiple") and row.data.get(FACES_COLUMN):
            self.faces(row, False)
        return plan

    # -- show-if conditions, once every question is known --

    def conditions(self, sections: list[SectionPlan]) -> None:
        earlier: dict[str, QuestionPlan] = {}
        for section in sections:
            section.show_if = self.condition(section.relevant, section.row, earlier)
            for item in section.questions:
                item.show_if = self.condition(item.relevant, item.row, earlier)
                for row in item.rows:
                    row.show_if = self.condition(row.relevant, row.row, earlier)
                    earlier[row.name] = row
                if item.kind not in (QuestionKind.NOTE, QuestionKind.GRID):
                    earlier[item.name] = item

    def condition(self, expression: str, row: int, earlier: dict[str, QuestionPlan]) -> dict:
        if not expression.strip():
            return {}
        try:
            condition = relevant_to_condition(expression)
        except ValueError:
            self.problem(
                "survey",
                row,
                "relevant",
                _(
                    "Wijkpunt cannot translate “%(expression)s”. It understands ${q} = 'v', "
                    "!=, > and < on numbers, selected(${q}, 'v'), not(selected(…)), ${q} != '' "
                    "(answered), joined by only and, or only or."
                )
                % {"expression": expression},
            )
            return {}
        for rule in condition["rules"]:
            name = rule["question"]
            target = earlier.get(name)
            if target is None:
                self.problem(
                    "survey",
                    row,
                    "relevant",
                    _("${%(name)s} is not a question that comes earlier.") % {"name": name},
                )
                continue
            op, value = rule["op"], rule.get("value", "")
            numeric = target.kind in (QuestionKind.NUMBER, QuestionKind.RATING10)
            if op in ("gt", "ge", "lt", "le"):
                if not numeric or _decimal(value) is None:
                    self.problem(
                        "survey",
                        row,
                        "relevant",
                        _("> and < compare a number question with a number."),
                    )
            elif op in ("eq", "ne", "selected", "not_selected") and target.choices:
                known = {c.value for c in target.choices}
                if target.allow_other:
                    known.add(OTHER)
                if value not in known:
                    self.problem(
                        "survey",
                        row,
                        "relevant",
                        _("“%(value)s” is not a choice of ${%(name)s}.")
                        % {"value": value, "name": name},
                    )
        return condition


def read(data: bytes, *, filename: str = "") -> SurveyPlan:
    """The survey a workbook describes, or XLSFormError with every problem in it."""
    if len(data) > MAX_BYTES:
        raise XLSFormError(
            [Problem("–", None, None, _("This file is too large. The limit is 2 MB."))]
        )
    reader = _SurveyReader()
    plan = reader.read(data, filename)
    if plan is None or reader.problems:
        raise XLSFormError(reader.problems)
    return plan


# -- writing --------------------------------------------------------------------------------


def _number_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _language_header(code: str) -> str:
    names = dict(Language.objects.values_list("code", "name"))
    xls = "nl" if code == "nl-be" else code
    return f"{names.get(code, code)} ({xls})"


def condition_to_relevant(condition: Mapping | None, questions: Mapping[str, QuestionDef]) -> str:
    """A show-if condition as an XLSForm ``relevant`` expression."""
    parts = []
    for rule in (condition or {}).get("rules") or []:
        name, op, value = rule["question"], rule["op"], str(rule.get("value", ""))
        ref = "${" + name + "}"
        target = questions.get(name)
        numeric = target is not None and target.kind in (QuestionKind.NUMBER, QuestionKind.RATING10)
        literal = value if numeric and _decimal(value) is not None else "'" + value + "'"
        if op == "answered":
            parts.append(f"{ref} != ''")
        elif op == "not_answered":
            parts.append(f"{ref} = ''")
        elif op == "selected":
            parts.append(f"selected({ref}, '{value}')")
        elif op == "not_selected":
            parts.append(f"not(selected({ref}, '{value}'))")
        else:
            symbol = {v: k for k, v in COMPARISONS.items()}[op]
            parts.append(f"{ref} {symbol} {literal}")
    joiner = " or " if (condition or {}).get("mode") == "any" else " and "
    return joiner.join(parts)


def _range(low: Decimal | None, high: Decimal | None) -> str:
    parts = []
    if low is not None:
        parts.append(f". >= {_number_text(low)}")
    if high is not None:
        parts.append(f". <= {_number_text(high)}")
    return " and ".join(parts)


def export(survey: Survey) -> bytes:
    """The survey as an XLSForm workbook (.xlsx) that ``read`` turns back into the same."""
    defn: SurveyDef = load(survey)
    languages = list(defn.languages)
    for values in _all_texts(defn):
        for code in values:
            if code not in languages:
                languages.append(code)
    headers = {code: _language_header(code) for code in languages}
    label_cols = [f"label::{headers[c]}" for c in languages]
    hint_cols = [f"hint::{headers[c]}" for c in languages]
    survey_cols = [
        "type",
        "name",
        *label_cols,
        *hint_cols,
        "required",
        "relevant",
        "constraint",
        "appearance",
        KIND_COLUMN,
        FACES_COLUMN,
        THEME_COLUMN,
    ]
    by_name = {q.name: q for q in defn.all_items()}
    survey_rows: list[dict[str, Any]] = []
    choice_rows: list[dict[str, Any]] = []

    def texts(prefix: str, values: Mapping[str, str]) -> dict[str, str]:
        return {f"{prefix}::{headers[code]}": text for code, text in values.items() if text}

    def add_list(name: str, choices) -> None:
        for c in choices:
            row = {"list_name": name, "name": c.value, **texts("label", c.label)}
            if c.score is not None:
                row[SCORE_COLUMN] = c.score
            choice_rows.append(row)

    def question_row(q: QuestionDef, list_name: str | None = None) -> dict[str, Any]:
        row: dict[str, Any] = {
            "name": q.name,
            **texts("label", q.label),
            **texts("hint", q.hint),
            "required": "yes" if q.required else "",
            "relevant": condition_to_relevant(q.show_if, by_name),
            KIND_COLUMN: q.kind,
            THEME_COLUMN: q.theme,
        }
        other = " or_other" if q.allow_other else ""
        if q.kind in (QuestionKind.SINGLE, QuestionKind.SCALE5):
            row["type"] = f"select_one {list_name or q.name}{other}"
            if q.show_faces and not list_name:
                row[FACES_COLUMN] = "yes"
            if not list_name:
                add_list(q.name, q.choices)
        elif q.kind == QuestionKind.MULTIPLE:
            row["type"] = f"select_multiple {q.name}{other}"
            if q.max_choices:
                row["constraint"] = f"count-selected(.) <= {q.max_choices}"
            add_list(q.name, q.choices)
        elif q.kind == QuestionKind.RATING10:
            row["type"] = "integer"
            row["constraint"] = ". >= 0 and . <= 10"
        elif q.kind == QuestionKind.NUMBER:
            row["type"] = "integer" if q.whole_number else "decimal"
            row["constraint"] = _range(q.min_value, q.max_value)
        elif q.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            row["type"] = "text"
            if q.kind == QuestionKind.LONG_TEXT:
                row["appearance"] = "multiline"
        else:
            row["type"] = "note"
        return row

    for section in defn.sections:
        earlier_relevant = condition_to_relevant(section.show_if, by_name)
        survey_rows.append(
            {
                "type": "begin_group",
                "name": section.name,
                **texts("label", section.title),
                "relevant": earlier_relevant,
                KIND_COLUMN: "section",
            }
        )
        for q in section.questions:
            if q.kind == QuestionKind.GRID:
                survey_rows.append(
                    {
                        "type": "begin_group",
                        "name": q.name,
                        **texts("label", q.label),
                        **texts("hint", q.hint),
                        "relevant": condition_to_relevant(q.show_if, by_name),
                        "appearance": "table-list",
                        KIND_COLUMN: "grid",
                        FACES_COLUMN: "yes" if q.show_faces else "",
                        THEME_COLUMN: q.theme,
                    }
                )
                add_list(q.name, q.choices)
                for grid_row in q.rows:
                    survey_rows.append(question_row(grid_row, list_name=q.name))
                survey_rows.append({"type": "end_group", "name": q.name})
            else:
                survey_rows.append(question_row(q))
        survey_rows.append({"type": "end_group", "name": section.name})

    choice_cols = ["list_name", "name", *(f"label::{headers[c]}" for c in languages)]
    if any(SCORE_COLUMN in row for row in choice_rows):
        choice_cols.append(SCORE_COLUMN)
    setting: dict[str, Any] = {
        "form_title": text_main(defn.title, languages[0]),
        **texts("form_title", defn.title),
        "form_id": survey.form_id,
        "version": survey.version,
        "default_language": headers[languages[0]],
        **texts("wijkpunt::intro", defn.intro),
        **texts("wijkpunt::thanks", defn.thanks),
    }
    settings_cols = [k for k, v in setting.items() if v not in ("", None)]

    wb = Workbook(write_only=True)
    for title, columns, rows in (
        ("survey", survey_cols, survey_rows),
        ("choices", choice_cols, choice_rows),
        ("settings", settings_cols, [setting]),
    ):
        ws = wb.create_sheet(title)
        ws.append([xlsx_cell(ws, c) for c in columns])
        for row in rows:
            ws.append([xlsx_cell(ws, row.get(c) if row.get(c) != "" else None) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def text_main(texts: Mapping[str, str], main: str) -> str:
    return texts.get(main) or next((v for v in texts.values() if v), "")


def _all_texts(defn: SurveyDef) -> Iterable[Mapping[str, str]]:
    yield defn.title
    yield defn.intro
    yield defn.thanks
    for section in defn.sections:
        yield section.title
    for q in defn.all_items():
        yield q.label
        yield q.hint
        for c in q.choices:
            yield c.label
