"""Flexible grouping: deterministic, total, and explained in plain words."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from learnloop.engine.groups import (
    GroupReason,
    choose_k,
    explain,
    kmeans,
    name_codes,
    reason,
    silhouette,
    suggest_groups,
)
from learnloop.engine.levels import Level

CODES = ("6.RP.A.1", "6.RP.A.2", "6.RP.A.3.a")


def levels_for(mastery: np.ndarray) -> np.ndarray:
    return np.digitize(mastery, [0.01, 0.6, 0.8, 0.95])


def three_clear_clusters() -> tuple[list[int], np.ndarray]:
    low = [[0.1, 0.2, 0.1]] * 4
    middle = [[0.9, 0.7, 0.3]] * 3
    high = [[0.97, 0.96, 0.9]] * 5
    rows = np.array(low + middle + high)
    return list(range(100, 100 + len(rows))), rows


def test_three_clear_profiles_make_three_groups_weakest_first() -> None:
    ids, mastery = three_clear_clusters()
    grouping = suggest_groups(ids, CODES, mastery, levels_for(mastery))
    assert grouping.k == 3
    assert [g.member_ids for g in grouping.groups] == [
        (100, 101, 102, 103),
        (104, 105, 106),
        (107, 108, 109, 110, 111),
    ]
    assert grouping.groups[0].explanation == "Not yet on 6.RP.A.1, 6.RP.A.2 and 6.RP.A.3.a"
    assert grouping.groups[1].explanation == (
        "Not yet on 6.RP.A.3.a; ready for a challenge on 6.RP.A.1"
    )
    assert grouping.groups[2].explanation == (
        "Ready for a challenge on 6.RP.A.1, 6.RP.A.2 and 6.RP.A.3.a"
    )


def test_mixed_group_is_named_by_its_most_common_level() -> None:
    mean = np.array([0.7, 0.65, 0.75])
    levels = np.array([[2, 2, 2], [2, 3, 1]])
    why = reason(CODES, mean, levels)
    assert why == GroupReason((), (), Level.FAMILIAR)
    assert explain(why) == "Mixed: mostly familiar"


def test_few_distinct_profiles_give_one_group_each() -> None:
    mastery = np.array([[0.1, 0.1, 0.1]] * 3 + [[0.9, 0.9, 0.9]] * 2)
    grouping = suggest_groups([5, 4, 3, 2, 1], CODES, mastery, levels_for(mastery))
    assert grouping.k == 2
    assert [g.member_ids for g in grouping.groups] == [(3, 4, 5), (1, 2)]


def test_forced_k_is_used_and_capped_by_distinct_profiles() -> None:
    ids, mastery = three_clear_clusters()
    assert suggest_groups(ids, CODES, mastery, levels_for(mastery), k=5).k == 3
    spread = np.linspace(0, 1, 30).reshape(10, 3)
    assert suggest_groups(list(range(10)), CODES, spread, levels_for(spread), k=4).k == 4


def test_no_students_no_groups_and_bad_input_is_refused() -> None:
    empty = np.zeros((0, 3))
    assert suggest_groups([], CODES, empty, empty.astype(int)).groups == ()
    with pytest.raises(ValueError, match="unique"):
        suggest_groups([1, 1], CODES, np.zeros((2, 3)), np.zeros((2, 3), dtype=int))
    with pytest.raises(ValueError, match="probabilities"):
        suggest_groups([1, 2], CODES, np.full((2, 3), 1.5), np.zeros((2, 3), dtype=int))


def test_ties_in_silhouette_go_to_fewer_groups() -> None:
    assert choose_k({3: 0.5, 4: 0.5 + 1e-12, 5: 0.2}) == 3
    assert choose_k({3: 0.4, 4: 0.5, 5: 0.5}) == 4
    assert choose_k({5: 0.1}) == 5


def test_all_candidate_k_are_scored_when_the_data_allows() -> None:
    spread = np.linspace(0, 1, 30).reshape(10, 3)
    grouping = suggest_groups(list(range(10)), CODES, spread, levels_for(spread))
    assert set(grouping.silhouette_by_k) == {3, 4, 5}
    assert grouping.k == choose_k(grouping.silhouette_by_k)


def test_silhouette_golden_value() -> None:
    distances = np.array([[0.0, 1.0, 4.0], [1.0, 0.0, 3.0], [4.0, 3.0, 0.0]])
    labels = np.array([0, 0, 1])
    # a=1; b=4 -> 0.75 and b=3 -> 2/3; the singleton scores 0.
    assert silhouette(distances, labels) == pytest.approx((0.75 + 2 / 3) / 3)


def test_name_codes_reads_like_a_sentence() -> None:
    assert name_codes(["A"]) == "A"
    assert name_codes(["A", "B"]) == "A and B"
    assert name_codes(["A", "B", "C", "D"]) == "A, B, C and D"
    assert name_codes(["A", "B", "C", "D", "E", "F"]) == "A, B, C and 3 more"


profiles = st.integers(min_value=1, max_value=25).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.integers(min_value=1, max_value=6).flatmap(
            lambda m: hnp.arrays(
                np.float64,
                (n, m),
                elements=st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 2)),
            )
        ),
    )
)


@settings(max_examples=60, deadline=None)
@given(profiles, st.randoms(use_true_random=False), st.none() | st.integers(1, 6))
def test_every_student_in_exactly_one_nonempty_group_whatever_the_order(
    case: tuple[int, np.ndarray], shuffler: object, k: int | None
) -> None:
    n, mastery = case
    ids = [7 * i + 3 for i in range(n)]
    codes = [f"S.{j}" for j in range(mastery.shape[1])]
    first = suggest_groups(ids, codes, mastery, levels_for(mastery), k=k)
    members = [m for g in first.groups for m in g.member_ids]
    assert sorted(members) == sorted(ids)
    assert all(g.member_ids for g in first.groups)
    assert all(g.explanation for g in first.groups)
    assert first.k == len(first.groups) <= max(5, k or 0)
    assert first == suggest_groups(ids, codes, mastery, levels_for(mastery), k=k)
    order = list(range(n))
    shuffler.shuffle(order)  # type: ignore[attr-defined]
    shuffled = suggest_groups(
        [ids[i] for i in order], codes, mastery[order], levels_for(mastery[order]), k=k
    )
    assert shuffled == first


@settings(max_examples=40, deadline=None)
@given(profiles, st.integers(1, 5))
def test_kmeans_uses_every_label(case: tuple[int, np.ndarray], k: int) -> None:
    _, mastery = case
    distinct = len(np.unique(mastery, axis=0))
    k = min(k, distinct)
    labels = kmeans(mastery, k)
    assert set(labels.tolist()) == set(range(k))
