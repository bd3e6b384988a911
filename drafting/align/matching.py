"""Sequence alignment of two skeletons: which paragraph of one version is which paragraph of the other.

Needleman–Wunsch over paragraph fingerprints. A paragraph inserted into or deleted from one
version costs one gap, and every later paragraph still finds its counterpart, so a single
difference is reported once instead of cascading into every paragraph after it.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Sequence, TypeVar

from drafting.align.anchors import Anchor
from drafting.align.skeleton import SectionShape, Unit, Version

T = TypeVar("T")
U = TypeVar("U")
Pair = tuple[int | None, int | None]

HARD_GAP = 2.0  # leaving a paragraph unmatched; two gaps must cost more than the worst match
SOFT_GAP = 0.25  # an unnumbered paragraph that layout-based readers may not see


def sequence_alignment(a: Sequence[T], b: Sequence[U], score: Callable[[T, U], float],
                       gap_a: Callable[[T], float], gap_b: Callable[[U], float], band: int | None = None) -> list[Pair]:
    """Align two sequences maximising the total score; gaps cost gap_a/gap_b. Ties prefer matching.

    With ``band``, only cells within ``band`` of the diagonal (scaled to the two lengths) are
    computed: versions of one record differ by a few paragraphs, so the best path stays near it.
    """
    n, m = len(a), len(b)
    if band is None:
        band = max(n, m)
    band = max(band, abs(n - m) + 1)
    worst = float("-inf")
    best = [[worst] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 match, 1 gap in b (a[i] alone), 2 gap in a
    best[0][0] = 0.0
    cost_a = [gap_a(x) for x in a]
    cost_b = [gap_b(x) for x in b]
    for i in range(1, n + 1):
        if i <= band:
            best[i][0], move[i][0] = best[i - 1][0] - cost_a[i - 1], 1
    for j in range(1, m + 1):
        if j <= band:
            best[0][j], move[0][j] = best[0][j - 1] - cost_b[j - 1], 2
    for i in range(1, n + 1):
        ai = a[i - 1]
        centre = i * m // n if n else 0
        row, previous, moves = best[i], best[i - 1], move[i]
        for j in range(max(1, centre - band), min(m, centre + band) + 1):
            diagonal = previous[j - 1] + score(ai, b[j - 1]) if previous[j - 1] > worst else worst
            up = previous[j] - cost_a[i - 1]
            left = row[j - 1] - cost_b[j - 1]
            if diagonal >= up and diagonal >= left:
                row[j], moves[j] = diagonal, 0
            elif up >= left:
                row[j], moves[j] = up, 1
            else:
                row[j], moves[j] = left, 2
    pairs: list[Pair] = []
    i, j = n, m
    while i or j:
        step = move[i][j] if i and j else (1 if i else 2)
        if step == 0:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    pairs.reverse()
    return pairs


def _dice(a: dict[Anchor, int], b: dict[Anchor, int]) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return 2 * sum(min(n, b.get(k, 0)) for k, n in a.items()) / total


def paragraph_score(u: Unit, v: Unit) -> float:
    """How alike two paragraphs of different languages are, from about -6 (nothing alike) to +8."""
    score = 0.0
    if u.ids and v.ids:
        score += 3.0 if not set(u.ids).isdisjoint(v.ids) else -1.0
    strong_u, small_u = u.split_anchors()
    strong_v, small_v = v.split_anchors()
    if strong_u or strong_v:
        score += 3.0 * _dice(strong_u, strong_v) - 1.0
    if small_u or small_v:  # days, counts: weak evidence, sometimes written in words
        score += _dice(small_u, small_v) - 0.3
    if u.pointers and v.pointers:  # both refer to paragraphs: to the same ones (by id), or not
        shared = len(u.pointers & v.pointers)
        score += 2.0 * shared / max(len(u.pointers), len(v.pointers)) if shared else -0.5
    # Share of the text length (Gale and Church's signal); equal shares score 1, a factor e or more -1.
    ratio = abs(math.log((u.size + 1e-4) / (v.size + 1e-4)))
    score += 1.0 - min(2.0, 2.0 * ratio)
    # A reader of layout may glue an unnumbered line to a numbered paragraph, never the reverse.
    score += 0.5 if u.numbered == v.numbered else -2.5
    return score


BAND = 50  # paragraphs either side of the diagonal: more than any two versions of one record differ by
SURE = 1.0  # a pair scoring this is alike in length and anchors; a path of such pairs needs no search


def align_units(a: Version, ai: list[int], b: Version, bi: list[int], strict: bool) -> list[Pair]:
    """Align the units ai of version a with the units bi of version b; pairs of unit indices.

    With ``strict`` (both versions are records) every paragraph counts; otherwise an unnumbered
    paragraph may be left unmatched almost for free, since layout readers see them unreliably.
    """
    def gap(unit: Unit) -> float:
        return HARD_GAP if strict or unit.numbered else SOFT_GAP

    units_a, units_b = [a.units[i] for i in ai], [b.units[j] for j in bi]
    if len(ai) == len(bi) and all(paragraph_score(u, v) >= SURE for u, v in zip(units_a, units_b)):
        return list(zip(ai, bi))  # the usual case: same count, every pair clearly alike
    pairs = sequence_alignment(units_a, units_b, paragraph_score, gap, gap, BAND)
    return [(ai[x] if x is not None else None, bi[y] if y is not None else None) for x, y in pairs]


def _section_score(a: Version, s: SectionShape, b: Version, t: SectionShape) -> float:
    score = 0.0
    if s.heading is not None and t.heading is not None:
        if s.heading.label and s.heading.label == t.heading.label:
            score += 1.0
        if s.heading.ids and t.heading.ids:
            score += 3.0 if set(s.heading.ids) & set(t.heading.ids) else -1.0
    ua = Counter[Anchor]()
    ub = Counter[Anchor]()
    for i in s.units:
        ua.update(a.units[i].anchors)
    for j in t.units:
        ub.update(b.units[j].anchors)
    if ua or ub or s.documents or t.documents:
        score += 3.0 * _dice(ua + (s.heading.anchors if s.heading else Counter()), ub + (t.heading.anchors if t.heading else Counter())) - 1.0
    count_a, count_b = len(s.units), len(t.units)
    score += 1.0 - min(2.0, abs(count_a - count_b) / max(1, count_a, count_b) * 4)
    return score


def align_sections(a: Version, b: Version) -> list[Pair]:
    """Pair the sections of two versions: by position when their numbers agree, else by sequence alignment."""
    if len(a.sections) == len(b.sections):
        return [(i, i) for i in range(len(a.sections))]
    indices_a, indices_b = list(range(len(a.sections))), list(range(len(b.sections)))
    return sequence_alignment(indices_a, indices_b, lambda i, j: _section_score(a, a.sections[i], b, b.sections[j]),
                              lambda _: HARD_GAP, lambda _: HARD_GAP)
