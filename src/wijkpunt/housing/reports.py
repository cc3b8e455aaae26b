"""Showing an import report (the JSON that ``actions.import_registry`` returns) to people."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkpunt.housing.importing import ENTITIES, format_change, format_problem

ENTITY_LABELS = {
    "buildings": gettext_lazy("Buildings"),
    "dwellings": gettext_lazy("Dwellings"),
    "households": gettext_lazy("Households"),
    "tenancies": gettext_lazy("Tenancies"),
    "residents": gettext_lazy("Residents"),
}


def count_rows(report: dict) -> list[dict]:
    """One row per kind of record: label, created, updated, unchanged."""
    counts = report.get("counts") or {}
    rows = []
    for entity in ENTITIES:
        c = counts.get(entity)
        if not c or not any(c.values()):
            continue
        rows.append({"entity": entity, "label": ENTITY_LABELS[entity], **c})
    return rows


def render_report_text(report: dict) -> str:
    lines = []
    if report.get("ok"):
        if report.get("applied"):
            lines.append(_("Imported: all rows are in Wijkpunt."))
        else:
            lines.append(_("Checked: no problems found. Nothing has been written yet."))
    else:
        lines.append(
            _("%(n)s problem(s) found. Nothing has been imported.")
            % {"n": len(report.get("problems", []))}
        )
    lines.append(_("Rows read: %(n)s") % {"n": report.get("rows", 0)})
    rows = count_rows(report)
    if rows and report.get("ok"):
        lines.append("")
        new, changed, unchanged = _("new"), _("changed"), _("unchanged")
        lines.append(f"{'':<14}{new:>10}{changed:>10}{unchanged:>12}")
        for r in rows:
            lines.append(
                f"{str(r['label']):<14}{r['created']:>10}{r['updated']:>10}{r['unchanged']:>12}"
            )
    if report.get("ok") and report.get("changes"):
        lines.append("")
        lines.append(_("Changes:"))
        lines.extend(f"- {format_change(change)}" for change in report["changes"])
        more = report.get("changes_total", 0) - len(report["changes"])
        if more > 0:
            lines.append(_("And %(n)s more changes.") % {"n": more})
    if report.get("notices"):
        lines.append("")
        lines.extend(f"- {notice}" for notice in report["notices"])
    if report.get("problems"):
        lines.append("")
        for problem in report["problems"]:
            source = f"{problem['source']}: " if problem.get("source") else ""
            lines.append(f"{source}{format_problem(problem)}")
    return "\n".join(lines) + "\n"
