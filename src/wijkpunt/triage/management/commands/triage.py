"""``wijkpunt triage``: triage suggestions on the command line.

    wijkpunt triage < signals.jsonl          # {"id": ..., "text": ...} per line, JSON lines out
    wijkpunt triage --evaluate FILE.tsv      # macro-F1, urgent recall and precision
    wijkpunt triage retrain                  # learn from staff corrections, store the model

Output lines are ``{"id": ..., "category": slug, "urgent": bool, "confidence": float,
"owner": ...}``; a line that cannot be read gives ``{"id": ..., "error": "..."}`` and the
command carries on."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkpunt.triage import engine, service

BATCH = 512


class Command(BaseCommand):
    help = (
        "Suggest category, urgency and owner for signals (JSON lines on stdin), "
        "evaluate or retrain."
    )
    requires_system_checks: list = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", nargs="?", choices=["retrain"], help="retrain the model")
        parser.add_argument(
            "--evaluate", metavar="FILE.tsv", help="labelled TSV: category, urgent (0/1), text"
        )

    def handle(self, *args, **options) -> None:
        if options["action"] == "retrain":
            return self.retrain()
        if options["evaluate"]:
            return self.evaluate(Path(options["evaluate"]))
        return self.suggest(options.get("stdin") or sys.stdin)

    # JSON lines ------------------------------------------------------------------------
    def suggest(self, stream) -> None:
        pending: list[tuple[object, str]] = []
        try:
            for number, line in enumerate(stream, start=1):
                item = self._parse(line, number)
                if item is None:
                    continue
                if isinstance(item, dict):  # an error line, in input order
                    self._flush(pending)
                    self._emit(item)
                    continue
                pending.append(item)
                if len(pending) >= BATCH:
                    self._flush(pending)
        except (OSError, UnicodeDecodeError) as exc:
            self._flush(pending)
            raise CommandError(_("Could not read the input: %(error)s") % {"error": exc}) from exc
        self._flush(pending)

    def _parse(self, line: str, number: int):
        if not line.strip():
            return None
        try:
            data = json.loads(line)
        except ValueError:
            return {"id": None, "error": _("Line %(n)s is not valid JSON.") % {"n": number}}
        if not isinstance(data, dict):
            return {"id": None, "error": _("Line %(n)s is not a JSON object.") % {"n": number}}
        ident = data.get("id")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            return {
                "id": ident,
                "error": _("Line %(n)s has no text (a non-empty string is needed).")
                % {"n": number},
            }
        return (ident, text)

    def _flush(self, pending: list[tuple[object, str]]) -> None:
        if not pending:
            return
        suggestions = service.suggest_many([text for _ident, text in pending])
        for (ident, _text), s in zip(pending, suggestions, strict=True):
            self._emit(
                {
                    "id": ident,
                    "category": s.category,
                    "urgent": s.urgent,
                    "confidence": round(s.confidence, 4),
                    "owner": s.owner,
                }
            )
        pending.clear()

    def _emit(self, data: dict) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False))

    # evaluation ------------------------------------------------------------------------
    def evaluate(self, path: Path) -> None:
        try:
            examples, problems = engine.read_tsv(path)
        except FileNotFoundError as exc:
            raise CommandError(_("File not found: %(path)s") % {"path": path}) from exc
        except (OSError, UnicodeDecodeError, engine.DataError) as exc:
            raise CommandError(
                _("Could not read %(path)s: %(error)s") % {"path": path, "error": exc}
            ) from exc
        for problem in problems:
            self.stderr.write(_("Skipped %(problem)s") % {"problem": problem})
        if not examples:
            raise CommandError(_("No labelled examples in %(path)s.") % {"path": path})
        report = engine.evaluate(service.get_model(), examples)
        self.print_report(report, skipped=len(problems))

    def print_report(self, r: dict, skipped: int = 0) -> None:
        w = self.stdout.write
        unknown = r["unknown_categories"]
        w(
            f"examples: {r['n']} (skipped lines: {skipped}, "
            f"unknown category: {sum(unknown.values())})"
        )
        for name, count in sorted(unknown.items()):
            w(f"unknown category: {name!r} ({count}x), not scored")
        w(f"macro-F1: {r['macro_f1']:.3f}")
        w(f"accuracy: {r['accuracy']:.3f}")
        recall = "n/a" if r["urgent_recall"] is None else f"{r['urgent_recall']:.3f}"
        precision = "n/a" if r["urgent_precision"] is None else f"{r['urgent_precision']:.3f}"
        w(f"urgent recall: {recall} ({r['urgent_n']} urgent in the file)")
        w(f"urgent precision: {precision} ({r['urgent_flagged']} flagged urgent)")
        w("per-category F1:")
        for name, row in r["per_category"].items():
            w(f"  {name:<26} {row['f1']:.3f}  (n={row['n']})")
        if r["confusions"]:
            w("most frequent mistakes (expected -> suggested):")
            for c in r["confusions"]:
                w(f"  {c['expected']} -> {c['suggested']}: {c['count']}")
        for text in r.get("urgent_missed", []):
            w(f"missed urgent: {text[:120]}")

    # retraining ------------------------------------------------------------------------
    def retrain(self) -> None:
        from wijkpunt.triage.actions import retrain

        version = retrain(user=None)
        m = version.metrics
        self.stdout.write(
            f"model #{version.id} trained on {version.trained_on} examples "
            f"({version.corrections} from staff corrections), now active"
        )
        self.stdout.write(
            "held-out set: "
            + json.dumps(
                {
                    k: m.get(k)
                    for k in (
                        "n",
                        "macro_f1",
                        "urgent_recall",
                        "urgent_precision",
                        "urgent_threshold",
                    )
                }
            )
        )
        if "implied" in m:
            self.stdout.write("implied-danger held-out set: " + json.dumps(m["implied"]))
