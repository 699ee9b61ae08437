"""What the board reads of the student's recent answers: each standard's last answers."""

from __future__ import annotations

from learnloop.engine.recommend import RECENT_WINDOW
from learnloop.learning.answering.queries import RecentAnswer
from learnloop.learning.selectors import recent_tallies


def test_each_standard_counts_only_its_last_answers_newest_first() -> None:
    newest_first = [RecentAnswer(1, False, (7,)) for _ in range(5)]
    newest_first += [RecentAnswer(1, True, (7, 8)) for _ in range(10)]
    newest_first.append(RecentAnswer(None, False, (9,)))
    tallies = recent_tallies(newest_first)
    assert tallies[7] == (RECENT_WINDOW, 5)  # 5 wrong, then 3 of the 10 right ones
    assert tallies[8] == (RECENT_WINDOW, 0)
    assert tallies[9] == (1, 1)
    assert recent_tallies([]) == {}
