"""Small groups are never shown, and cannot be worked out from what is shown.

The groups of a wave form a tree: the whole wave; its estates (plus, unnamed, the responses
whose estate was emptied at closing); each estate's buildings (plus, unnamed, its responses
whose building was emptied). A parent's figures are the sum of its children's.

**Groups** (``shown_groups``), per figure (the number of responses, and per question the
number of answers): a group is shown only when it has a name and at least ``k`` answers
(``k`` = the wave's ``min_group_size``, never below 5). Among the children of a shown group,
the hidden ones must together hold **no answers or at least k**: otherwise the next smallest
shown sibling is hidden too, and so on (complementary suppression). A hidden group hides its
whole subtree. So the only thing subtraction gives ("the wave minus the estates shown") is the
sum of a parent's hidden children — a group of at least k answers. The tree makes the estate
and building breakdowns nest: a building's figures sum into its estate's, which sum into the
wave's, and the same rule at each level covers both breakdowns at once.

**Cells** (``mask_cells``, single and multiple choice): inside a shown group, a choice picked
by 1 to k−1 respondents is shown as "< k". Masking is only worth it when the masked count
cannot be recomputed — from the group's number of answers minus its other choices (a row),
from the parent group's count minus its other children (a column), or any combination of
these. ``determined`` solves the whole system of sums exactly (rational Gaussian elimination
over the unknown figures); while it finds a masked count that is determined, the smallest
count still shown next to it (same row, else same column) is hidden as well. Scales, ratings
and numbers show exact counts in shown groups: their mean and median, which a steering group
needs, would give a masked count back.

The property test (``tests/test_suppression.py``) checks, on random waves, that no hidden
group's figure and no masked count can be derived by subtraction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

Group = tuple
Cell = tuple
WAVE: Group = ("wave",)


@dataclass
class Tree:
    children: dict[Group, list[Group]] = field(default_factory=dict)
    cells_of: dict[Group, list[Cell]] = field(default_factory=dict)
    parent: dict[Group, Group] = field(default_factory=dict)

    def groups(self) -> list[Group]:
        order: list[Group] = []
        stack = [WAVE]
        while stack:
            g = stack.pop(0)
            order.append(g)
            stack.extend(self.children.get(g, []))
        return order

    @staticmethod
    def labelled(g: Group) -> bool:
        return g == WAVE or g[-1] is not None


def tree_of(cells: Iterable[Cell], labelled_estates: Iterable[int] | None = None) -> Tree:
    """The tree of groups over (estate id, building id) cells (either may be None)."""
    cells = sorted(set(cells), key=lambda c: (c[0] is None, c[0] or 0, c[1] is None, c[1] or 0))
    tree = Tree()
    tree.cells_of[WAVE] = list(cells)
    tree.children[WAVE] = []
    for estate_id, building_id in cells:
        eg: Group = ("estate", estate_id)
        if eg not in tree.cells_of:
            tree.cells_of[eg] = []
            tree.children[WAVE].append(eg)
            tree.children[eg] = []
            tree.parent[eg] = WAVE
        tree.cells_of[eg].append((estate_id, building_id))
        if estate_id is None:
            continue
        bg: Group = ("building", estate_id, building_id)
        if bg not in tree.cells_of:
            tree.cells_of[bg] = []
            tree.children[eg].append(bg)
            tree.children[bg] = []
            tree.parent[bg] = eg
        tree.cells_of[bg].append((estate_id, building_id))
    return tree


def shown_groups(
    tree: Tree, size: Callable[[Group], int], k: int, forced: Iterable[Group] = ()
) -> set[Group]:
    """The groups whose figure may be shown (see the module's docstring). ``forced``: groups
    hidden anyway (e.g. hidden in the number of responses)."""
    forced = set(forced)
    shown: set[Group] = set()

    def visit(node: Group) -> None:
        shown.add(node)
        kids = [c for c in tree.children.get(node, []) if size(c) > 0]
        hidden = [c for c in kids if not tree.labelled(c) or size(c) < k or c in forced]
        visible = sorted((c for c in kids if c not in hidden), key=lambda c: (size(c), c))
        while hidden and 0 < sum(size(c) for c in hidden) < k and visible:
            hidden.append(visible.pop(0))
        for child in visible:
            visit(child)

    if size(WAVE) >= k and WAVE not in forced:
        visit(WAVE)
    return shown


# -- cells ----------------------------------------------------------------------------------

Var = tuple  # ("x", group, value) | ("a", group)


def equations(tree: Tree, values: list[str], *, row_sums: bool) -> list[dict[Var, int]]:
    """The sums that hold between a question's figures, each as {variable: coefficient} = 0."""
    eqs: list[dict[Var, int]] = []
    for parent, kids in tree.children.items():
        if not kids:
            continue
        for v in values:
            eq: dict[Var, int] = {("x", parent, v): 1}
            for c in kids:
                eq[("x", c, v)] = -1
            eqs.append(eq)
        eq = {("a", parent): 1}
        for c in kids:
            eq[("a", c)] = -1
        eqs.append(eq)
    if row_sums:
        for g in tree.cells_of:
            eq = {("a", g): 1}
            for v in values:
                eq[("x", g, v)] = -1
            eqs.append(eq)
    return eqs


def determined(eqs: list[dict[Var, int]], known: set[Var], asked: Iterable[Var]) -> set[Var]:
    """The variables of ``asked`` (unknown ones) whose value follows from the known ones
    through ``eqs``: exact elimination over the rationals."""
    rows: list[dict[Var, Fraction]] = []
    for eq in eqs:
        row = {var: Fraction(c) for var, c in eq.items() if var not in known and c}
        if row:
            rows.append(row)
    pivots: dict[Var, dict[Var, Fraction]] = {}
    for row in rows:
        for var, prow in pivots.items():
            c = row.get(var)
            if c:
                for pv, pc in prow.items():
                    nv = row.get(pv, Fraction(0)) - c * pc
                    if nv:
                        row[pv] = nv
                    else:
                        row.pop(pv, None)
        if not row:
            continue
        var = next(iter(sorted(row, key=repr)))
        lead = row[var]
        prow = {v: c / lead for v, c in row.items()}
        for orow in pivots.values():
            c = orow.get(var)
            if c:
                for pv, pc in prow.items():
                    nv = orow.get(pv, Fraction(0)) - c * pc
                    if nv:
                        orow[pv] = nv
                    else:
                        orow.pop(pv, None)
        pivots[var] = prow
    return {var for var in asked if var in pivots and len(pivots[var]) == 1}


def mask_cells(
    tree: Tree,
    shown: set[Group],
    hists: dict[Group, dict[str, int]],
    values: list[str],
    k: int,
    *,
    row_sums: bool,
) -> dict[tuple[Group, str], str]:
    """(group, value) → "small" (shown as "< k") or "hidden" (hidden to protect a small one)."""
    masked: dict[tuple[Group, str], str] = {}
    for g in shown:
        for v in values:
            n = hists[g].get(v, 0)
            if 0 < n < k:
                masked[(g, v)] = "small"
    if not masked:
        return masked
    eqs = equations(tree, values, row_sums=row_sums)

    def known_now() -> set[Var]:
        known: set[Var] = {("a", g) for g in shown}
        known |= {("x", g, v) for g in shown for v in values if (g, v) not in masked}
        return known

    for _round in range(4 * len(shown) * max(1, len(values)) + 10):
        found = determined(eqs, known_now(), [("x", g, v) for g, v in masked])
        if not found:
            return masked
        var = sorted(found, key=repr)[0]
        g, v = var[1], var[2]
        candidates = _neighbours(tree, shown, hists, values, masked, g, v, row_sums=row_sums)
        if not candidates:  # nothing left to hide next to it: show the figure after all
            masked.pop((g, v))
            continue
        pick = candidates[0]
        for cell in candidates:
            masked[cell] = "trial"
            undone = var not in determined(eqs, known_now(), [var])
            masked.pop(cell)
            if undone:
                pick = cell
                break
        n = hists[pick[0]].get(pick[1], 0)
        masked[pick] = "small" if n < k else "hidden"
    # Did not settle (never seen): show every count exactly rather than mask in vain.
    return {}  # pragma: no cover


def _neighbours(tree, shown, hists, values, masked, g, v, *, row_sums) -> list:
    """Counts still shown next to (g, v) — its row, its column (parent, siblings,
    children) — the smallest first."""

    def count(cell):
        return hists[cell[0]].get(cell[1], 0)

    cells = []
    if row_sums:
        cells += [(g, w) for w in values if w != v]
    parent = tree.parent.get(g)
    if parent is not None:
        cells.append((parent, v))
        cells += [(c, v) for c in tree.children.get(parent, []) if c != g]
    cells += [(c, v) for c in tree.children.get(g, [])]
    cells = [c for c in cells if c[0] in shown and c not in masked]
    return sorted(cells, key=lambda c: (count(c), repr(c)))
