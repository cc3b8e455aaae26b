"""``core`` is the bottom layer: it never imports the apps built on it. They reach it through
its functions, templates and signals (``core.signals``)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]
APPS_ABOVE = {
    "accounts",
    "audit",
    "partners",
    "housing",
    "portal",
    "workspace",
    "signalling",
    "intake",
    "inbox",
    "api",
    "open311",
    "triage",
    "demo",
}
# Known exceptions, each with its way out.
ALLOWED = {
    # A shim for branches that still import the personas from here; delete after merging.
    "testing.py",
    # The worker's scheduler enqueues the deadline check; to be registered from signalling.
    "management/commands/worker.py",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_core_imports_no_app_above_it():
    offenders = {}
    for path in CORE.rglob("*.py"):
        relative = path.relative_to(CORE).as_posix()
        if relative.startswith("tests/") or relative in ALLOWED:
            continue
        above = {
            module
            for module in _imports(path)
            if module.startswith("wijkpunt.") and module.split(".")[1] in APPS_ABOVE
        }
        if above:
            offenders[relative] = sorted(above)
    assert offenders == {}
