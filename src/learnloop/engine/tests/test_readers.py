"""Readers: every format from a small fixture, and errors that say where."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from learnloop.engine.fitting.readers import (
    ColumnMap,
    LogFormatError,
    read_log,
    read_long_csv,
    read_three_line,
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_three_line_with_trailing_commas(tmp_path: Path) -> None:
    path = write(tmp_path, "dkt.csv", "3\n7,7,9,\n1,0,1,\n2\n9,7\n0,1\n")
    log = read_three_line(path)
    assert len(log) == 5 and log.n_students == 2
    assert log.skill_names() == ["7", "7", "9", "9", "7"]
    assert log.correct.tolist() == [1, 0, 1, 0, 1]


def test_three_line_length_mismatch_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "3\n7,7,9\n1,0,1\n2\n9,7,7\n0,1\n")
    with pytest.raises(LogFormatError, match=r"bad\.csv, line 5, column 'skill ids'"):
        read_three_line(path)


def test_three_line_bad_answer_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "2\n7,7\n1,2\n")
    with pytest.raises(LogFormatError, match=r"line 3, column 'answer 2'.*'2'"):
        read_three_line(path)


def test_three_line_incomplete_group(tmp_path: Path) -> None:
    with pytest.raises(LogFormatError, match="groups of three"):
        read_three_line(write(tmp_path, "short.csv", "2\n7,7\n"))


def test_long_csv_groups_students_and_keeps_order(tmp_path: Path) -> None:
    text = (
        "student_id,skill_id,correct,item_id,timestamp\n"
        "ann,add,1,q1,2026-01-05T10:00:00+00:00\n"
        "bob,add,0,q1,2026-01-05T10:01:00+00:00\n"
        "ann,sub,0,q2,2026-01-05T10:02:00\n"
    )
    log = read_long_csv(write(tmp_path, "long.csv", text))
    assert log.student_ids == ("ann", "bob")
    assert log.skill_names() == ["add", "sub", "add"]
    assert log.item_ids == ("q1", "q2")
    assert log.timestamp is not None and log.timestamp[1] - log.timestamp[0] == 120.0


def test_long_csv_custom_columns(tmp_path: Path) -> None:
    text = "who;standard;ok\nann;5.NF.A.1;1\n"
    columns = ColumnMap(student="who", skill="standard", correct="ok", delimiter=";")
    log = read_long_csv(write(tmp_path, "custom.csv", text), columns)
    assert log.skill_ids == ("5.NF.A.1",) and log.correct.tolist() == [1]


def test_long_csv_errors_name_line_and_column(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.csv", "student_id,skill_id,correct\nann,add,1\nann,add,yes\n")
    with pytest.raises(LogFormatError, match=r"bad\.csv, line 3, column 'correct'.*'yes'"):
        read_long_csv(bad)
    missing = write(tmp_path, "missing.csv", "student_id,correct\nann,1\n")
    with pytest.raises(LogFormatError, match=r"line 1, column 'skill_id'"):
        read_long_csv(missing)
    when = write(tmp_path, "when.csv", "student_id,skill_id,correct,timestamp\na,s,1,soon\n")
    with pytest.raises(LogFormatError, match=r"line 2, column 'timestamp'"):
        read_long_csv(when)


ASSISTMENTS = (
    ",order_id,assignment_id,user_id,assistment_id,problem_id,original,correct,skill_id,"
    "skill_name\n"
    "0,30,1,64525,1,51424,1,1,1.0,Box and Whisker\n"
    "1,10,1,64525,1,51435,1,0,1.0,Box and Whisker\n"
    "2,20,1,70000,1,51435,1,1,,\n"
    "3,40,1,70000,1,51436,1,1,2.0,Table\n"
)


def test_assistments_sorts_by_order_and_skips_untagged(tmp_path: Path) -> None:
    log = read_log(write(tmp_path, "as.csv", ASSISTMENTS), "assistments")
    assert log.student_ids == ("64525", "70000")
    assert log.correct.tolist() == [0, 1, 1]
    assert log.skill_names() == ["1", "1", "2"]


DATASHOP = (
    "Row\tAnon Student Id\tProblem Name\tStep Name\tFirst Transaction Time\t"
    "Correct First Attempt\tKC(Default)\n"
    "1\tJG4Tz\tLDEMO\tR1C1\t2006-10-26 09:52:30.0\t0\t\n"
    "2\tJG4Tz\tLDEMO\tR1C2\t2006-10-26 09:53:41.0\t1\tIdentify units~~Enter given\n"
    "3\tXY1\tLDEMO\tR1C2\t2006-10-26 09:54:00.0\t1\tEnter given\n"
)


def test_datashop_splits_multiple_skills(tmp_path: Path) -> None:
    log = read_log(write(tmp_path, "ct.txt", DATASHOP), "datashop")
    assert log.skill_names() == ["Identify units", "Enter given", "Enter given"]
    assert log.correct.tolist() == [1, 1, 1]
    assert log.timestamp is not None and np.all(np.isfinite(log.timestamp))


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        read_log(write(tmp_path, "x.csv", ""), "parquet")


def test_select_students_keeps_their_answers_in_order(tmp_path: Path) -> None:
    path = write(tmp_path, "dkt.csv", "3\n7,7,9\n1,0,1\n2\n9,7\n0,1\n1\n4\n1\n")
    log = read_three_line(path)
    kept = log.select_students(np.array([True, False, True]))
    assert kept.n_students == 2 and kept.skill_names() == ["7", "7", "9", "4"]
    assert kept.correct.tolist() == [1, 0, 1, 1]
