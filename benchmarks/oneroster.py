"""Import time of a generated OneRoster 1.1 district roster into an empty database.

Writes a district (default: 100,000 students, 4,000 teachers, 50 schools, one term per
school, 5 classes per teacher, each student in 4 classes, a guardian for every fifth
student) as OneRoster 1.1 CSV files in a temporary folder, then times reading, planning
and applying it into a throw-away test database (SQLite in memory by default; PostgreSQL
with DATABASE_URL), and a second import of the same files (which must change nothing).
Printed, never asserted: `python benchmarks/oneroster.py [--students N]`.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.test")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from _common import machine, text_table, today  # noqa: E402

MANIFEST = {
    "manifest.version": "1.0",
    "oneroster.version": "1.1",
    **{f"file.{name}": "bulk" for name in ("orgs", "academicSessions", "courses", "classes")},
    "file.users": "bulk",
    "file.enrollments": "bulk",
}
BLANK = {"status": "", "dateLastModified": ""}


def write(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def generate(folder: Path, students: int) -> dict[str, int]:
    """A district roster of `students` students; the row count of each file."""
    schools = max(1, students // 2000)
    teachers = max(schools, students // 25)
    orgs = [{"sourcedId": "d", **BLANK, "name": "District", "type": "district"}]
    orgs += [
        {"sourcedId": f"s{s}", **BLANK, "name": f"School {s}", "type": "school"}
        for s in range(schools)
    ]
    sessions = [
        {"sourcedId": "t1", **BLANK, "title": "2026-27", "type": "schoolYear",
         "startDate": "2026-08-20", "endDate": "2027-06-15"}
    ]  # fmt: skip
    courses = [
        {"sourcedId": f"c{s}", **BLANK, "title": "Math", "orgSourcedId": f"s{s}",
         "subjects": "Mathematics", "grades": "06"}
        for s in range(schools)
    ]  # fmt: skip
    classes, users, enrollments = [], [], []
    for t in range(teachers):
        school = t % schools
        users.append(_user(f"t{t}", "teacher", f"s{school}"))
        for k in range(5):
            classes.append(
                {"sourcedId": f"k{t}-{k}", **BLANK, "title": f"Math {t}-{k}",
                 "courseSourcedId": f"c{school}", "schoolSourcedId": f"s{school}",
                 "termSourcedIds": "t1", "classType": "scheduled"}
            )  # fmt: skip
            enrollments.append(_enrol(f"e-t{t}-{k}", f"k{t}-{k}", f"t{t}", "teacher"))
    per_school = [[t for t in range(teachers) if t % schools == s] for s in range(schools)]
    for n in range(students):
        school = n % schools
        mine = per_school[school]
        agents = f"g{n}" if n % 5 == 0 else ""
        users.append(_user(f"u{n}", "student", f"s{school}", agents))
        if agents:
            users.append(_user(f"g{n}", "parent", f"s{school}", f"u{n}"))
        for k in range(4):
            teacher = mine[(n // schools + k) % len(mine)]
            enrollments.append(_enrol(f"e{n}-{k}", f"k{teacher}-{k}", f"u{n}", "student"))
    tables = {"orgs": orgs, "academicSessions": sessions, "courses": courses,
              "classes": classes, "users": users, "enrollments": enrollments}  # fmt: skip
    for name, rows in tables.items():
        write(folder, name, rows)
    write(folder, "manifest", [{"propertyName": k, "value": v} for k, v in MANIFEST.items()])
    return {name: len(rows) for name, rows in tables.items()}


def _user(sourced_id: str, role: str, school: str, agents: str = "") -> dict[str, str]:
    return {"sourcedId": sourced_id, **BLANK, "enabledUser": "true", "orgSourcedIds": school,
            "role": role, "username": f"user.{sourced_id}", "givenName": "Given",
            "familyName": f"Family {sourced_id}", "agentSourcedIds": agents}  # fmt: skip


def _enrol(sourced_id: str, classroom: str, user: str, role: str) -> dict[str, str]:
    return {"sourcedId": sourced_id, **BLANK, "classSourcedId": classroom,
            "userSourcedId": user, "role": role}  # fmt: skip


def timed_import(folder: Path) -> tuple[float, float, float, int]:
    from learnloop.schools.oneroster.importing import apply_plan, plan_roster
    from learnloop.schools.oneroster.reading import read_roster

    started = time.perf_counter()
    files = read_roster(folder)
    read = time.perf_counter()
    with transaction.atomic():
        plan = plan_roster(files=files)
        planned = time.perf_counter()
        apply_plan(plan)
    applied = time.perf_counter()
    return read - started, planned - read, applied - planned, plan.changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    args = parser.parse_args()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            counts = generate(folder, args.students)
            generated = time.perf_counter() - started
            first = timed_import(folder)
            again = timed_import(folder)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"OneRoster 1.1 import, {connection.vendor}, {today()}; {machine()}")
    print("rows: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
    print(f"generating the CSV files: {generated:.1f} s")
    rows = [
        [label, f"{r:.1f}", f"{p:.1f}", f"{a:.1f}", f"{r + p + a:.1f}", f"{changed:,}"]
        for label, (r, p, a, changed) in (
            ("into an empty database", first),
            ("same files again", again),
        )
    ]
    print(text_table(["import", "read s", "plan s", "apply s", "total s", "changes"], rows))


if __name__ == "__main__":
    main()
