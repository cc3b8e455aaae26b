"""Suppression: no hidden group and no masked count can be worked out by subtraction — a
property test over random waves (estates, buildings, responses whose building or estate was
emptied), solving every sum that holds between the figures exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkpunt.surveys import suppression as s

pytestmark = pytest.mark.once("sqlite")

VALUES = ["a", "b", "c"]


@st.composite
def waves(draw):
    """Cells (estate, building) with a histogram of answers over VALUES each."""
    cells = {}
    for estate in range(1, draw(st.integers(1, 3)) + 1):
        for building in [*range(1, draw(st.integers(1, 3)) + 1), None]:
            if draw(st.booleans()):
                cells[(estate, building)] = {v: draw(st.integers(0, 7)) for v in VALUES}
    if draw(st.booleans()):
        cells[(None, None)] = {v: draw(st.integers(0, 4)) for v in VALUES}
    cells = {c: h for c, h in cells.items() if sum(h.values())}
    return cells


def _setup(cells, k):
    tree = s.tree_of(cells)

    def hist(g):
        out = {}
        for c in tree.cells_of[g]:
            for v, n in cells[c].items():
                out[v] = out.get(v, 0) + n
        return out

    def size(g):
        return sum(hist(g).values())

    return tree, hist, size


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=waves(), k=st.integers(5, 6), row_sums=st.booleans())
def test_no_hidden_figure_can_be_derived(cells, k, row_sums):
    if not cells:
        return
    tree, hist, size = _setup(cells, k)
    shown = s.shown_groups(tree, size, k)
    hists = {g: hist(g) for g in shown}
    masked = s.mask_cells(tree, shown, hists, VALUES, k, row_sums=row_sums)
    known = {("a", g) for g in shown}
    known |= {("x", g, v) for g in shown for v in VALUES if (g, v) not in masked}
    # Every shown group is big enough and has a name.
    assert all(size(g) >= k and s.Tree.labelled(g) for g in shown)
    eqs = s.equations(tree, VALUES, row_sums=row_sums)
    small_hidden = [g for g in tree.groups() if g not in shown and 0 < size(g) < k]
    asked = [("a", g) for g in small_hidden] + [("x", g, v) for g in small_hidden for v in VALUES]
    asked += [("x", g, v) for g, v in masked]
    assert not s.determined(eqs, known, asked)
    # A masked count is one the reader would otherwise see: small ones say "< k" truthfully.
    assert all(hists[g].get(v, 0) < k for (g, v), state in masked.items() if state == "small")


def test_one_small_building_hides_the_next_smallest_too():
    # estate: building 1 (20), building 2 (6), building 3 (3)
    cells = {(1, 1): {"a": 20}, (1, 2): {"a": 6}, (1, 3): {"a": 3}}
    tree, hist, size = _setup(cells, 5)
    shown = s.shown_groups(tree, size, 5)
    assert ("building", 1, 1) in shown
    assert ("building", 1, 2) not in shown  # else estate − 1 − 2 = 3
    assert ("building", 1, 3) not in shown


def test_two_estates_one_small_hides_both_estates_not_the_wave():
    cells = {(1, 1): {"a": 30}, (2, 5): {"a": 3}, (3, 7): {"a": 9}}
    tree, hist, size = _setup(cells, 5)
    shown = s.shown_groups(tree, size, 5)
    assert ("wave",) in shown and ("estate", 1) in shown
    assert ("estate", 2) not in shown and ("estate", 3) not in shown
    # and a hidden estate hides its buildings: estate 3's building 7 (9) would give it back
    assert ("building", 3, 7) not in shown


def test_the_responses_without_an_estate_count_as_a_hidden_group():
    # the wave minus its one estate would be the 3 responses whose estate was emptied
    cells = {(1, 1): {"a": 12}, (1, 2): {"a": 7}, (None, None): {"a": 3}}
    tree, hist, size = _setup(cells, 5)
    shown = s.shown_groups(tree, size, 5)
    assert ("wave",) in shown and ("estate", 1) not in shown
