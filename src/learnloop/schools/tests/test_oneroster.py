"""OneRoster 1.1 and 1.2 CSV import: mapping, bulk then delta, idempotency, refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.cli import main
from learnloop.schools.models import Classroom, Enrollment, School, Term
from learnloop.schools.oneroster.importing import RosterError, import_roster, readable_summary

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "oneroster"
V1_1, V1_2, DELTA = FIXTURES / "v1_1", FIXTURES / "v1_2", FIXTURES / "delta_1_1"
WRITES = ("INSERT", "UPDATE", "DELETE")


def folder(path: Path) -> dict[str, bytes]:
    return {child.name: child.read_bytes() for child in path.iterdir()}


def snapshot() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (School, Term, Classroom, User, Enrollment, GuardianLink)
    )


def test_a_1_1_roster_maps_schools_terms_classes_people_and_guardians() -> None:
    plan = import_roster(path=V1_1)
    assert plan.files.version == "1.1"
    assert {s.name for s in School.objects.exclude(sourced_id="")} == {
        "Riverside Elementary",
        "Hillcrest Middle",
    }
    elementary = School.objects.get(sourced_id="org-s1")
    assert elementary.slug == "res"
    assert set(Term.objects.filter(school=elementary).values_list("name", flat=True)) == {
        "Fall 2026"
    }
    first, second = Classroom.objects.filter(school=elementary).order_by("sourced_id")
    assert first.name == "Math 5 - Period 1" and second.name == "Math 5 - Period 1 (cl-m5b)"
    assert (first.subject, first.grade_level) == ("Mathematics", "05")
    assert second.subject == "Mathematics"  # from its course
    assert set(first.students.values_list("username", flat=True)) == {"ana.s", "ben.s"}
    assert list(first.teachers.values_list("username", flat=True)) == ["lee.teacher"]
    admin = User.objects.get(sourced_id="u-a1")
    assert (admin.role, admin.school) == (Role.SCHOOL_ADMIN, elementary)
    assert not admin.has_usable_password()
    assert User.objects.get(sourced_id="u-t2").school == School.objects.get(sourced_id="org-s2")
    assert not User.objects.get(sourced_id="u-s4").is_active  # enabledUser false
    links = set(GuardianLink.objects.values_list("guardian__username", "student__username"))
    assert links == {("maria.silva", "ana.s"), ("maria.silva", "ben.s"), ("joao.silva", "ben.s")}
    assert GuardianLink.objects.get(guardian__username="joao.silva").relationship == "relative"
    assert any("demographics.csv" in note for note in plan.notes)
    assert any("1 parent or guardian enrollment skipped;" in note for note in plan.notes)
    assert plan.steps[("user", "create")] == 9


def test_a_1_2_roster_with_roles_bom_crlf_and_odd_headers() -> None:
    plan = import_roster(path=V1_2)
    assert plan.files.version == "1.2"
    kim = User.objects.get(sourced_id="u-91")
    assert (kim.role, kim.school.name) == (Role.TEACHER, "Lakeside High")
    assert User.objects.get(sourced_id="u-93").role == Role.GUARDIAN
    classroom = Classroom.objects.get(sourced_id="cl-alg1")
    assert (classroom.grade_level, classroom.term.name) == ("09,10", "Semester 1")
    assert GuardianLink.objects.filter(guardian=User.objects.get(sourced_id="u-93")).count() == 1


@pytest.mark.parametrize("roster", [V1_1, V1_2], ids=["1.1", "1.2"])
def test_importing_the_same_roster_again_writes_nothing(roster: Path) -> None:
    import_roster(path=roster)
    before = snapshot()
    with CaptureQueriesContext(connection) as queries:
        plan = import_roster(path=roster)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert (plan.changed, writes, snapshot()) == (0, [], before)


def test_a_delta_deactivates_ends_memberships_updates_and_adds() -> None:
    import_roster(path=V1_1)
    cai = User.objects.get(sourced_id="u-s3")
    plan = import_roster(path=DELTA)
    cai.refresh_from_db()
    assert not cai.is_active  # deactivated, never deleted
    assert not Enrollment.objects.filter(student=cai).exists()
    assert User.objects.get(sourced_id="u-s1").last_name == "Silva-Costa"
    eli = User.objects.get(sourced_id="u-s5")
    assert list(eli.enrolled_classrooms.values_list("sourced_id", flat=True)) == ["cl-m5b"]
    assert plan.steps[("user", "deactivate")] == 1
    assert plan.steps[("enrollment", "deactivate")] == 1
    # Untouched bulk-imported people stay as they were.
    assert User.objects.get(sourced_id="u-s2").is_active
    assert import_roster(path=DELTA).changed == 0


def test_a_bulk_users_file_deactivates_rostered_people_it_no_longer_lists() -> None:
    import_roster(path=V1_1)
    files = folder(V1_1)
    files["users.csv"] = b"\n".join(
        line for line in files["users.csv"].split(b"\n") if not line.startswith(b"u-s3,")
    )
    files["enrollments.csv"] = b"\n".join(
        line for line in files["enrollments.csv"].split(b"\n") if not line.startswith(b"e-5,")
    )
    plan = import_roster(files=files)
    assert not User.objects.get(sourced_id="u-s3").is_active
    assert plan.steps[("user", "deactivate")] == 1
    assert plan.steps[("enrollment", "deactivate")] == 1


def test_an_enrollment_whose_end_date_has_passed_is_over() -> None:
    import_roster(path=V1_1)
    ended = edited("enrollments.csv", b"u-s3,student,false,,", b"u-s3,student,false,,2020-01-31")
    plan = import_roster(files=ended)
    assert plan.steps[("enrollment", "deactivate")] == 1
    assert not Enrollment.objects.filter(student__sourced_id="u-s3").exists()
    assert User.objects.get(sourced_id="u-s3").is_active
    assert import_roster(files=ended).changed == 0


def test_a_dry_run_plans_and_writes_nothing() -> None:
    plan = import_roster(path=V1_1, dry_run=True)
    assert plan.steps[("class", "create")] == 3
    assert plan.examples[("school", "create")][0] == "Riverside Elementary (org-s1)"
    assert snapshot() == (0, 0, 0, 0, 0, 0)


def test_a_zip_reads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, data in folder(V1_2).items():
            zipped.writestr(f"export/{name}", data)
    assert import_roster(path=archive).steps[("user", "create")] == 3


def test_into_one_school_maps_the_rosters_school_onto_it() -> None:
    school = School.objects.create(name="Lakeside", slug="lakeside")
    import_roster(path=V1_2, school=school)
    school.refresh_from_db()
    assert school.sourced_id == "org-s9"
    assert School.objects.count() == 1
    assert User.objects.get(sourced_id="u-92").school == school


def test_into_one_school_never_touches_another_schools_people() -> None:
    import_roster(path=V1_1)  # a district: Riverside Elementary's ana.s is u-s1
    lakeside = School.objects.create(name="Lakeside", slug="lakeside")
    files = folder(V1_2)
    files["users.csv"] = files["users.csv"].replace(b"u-92,", b"u-s1,")
    files["roles.csv"] = files["roles.csv"].replace(b"u-92,", b"u-s1,")
    with pytest.raises(RosterError, match=r"users.csv, line 3, column sourcedId: .*another school"):
        import_roster(files=files, school=lakeside)
    files = folder(V1_2)
    files["enrollments.csv"] = files["enrollments.csv"].replace(b"u-92,", b"u-s1,")
    with pytest.raises(RosterError, match=r"enrollments.csv, line 3, column userSourcedId"):
        import_roster(files=files, school=lakeside)
    assert User.objects.get(sourced_id="u-s1").school.sourced_id == "org-s1"


def test_into_one_school_a_delta_needs_no_orgs_file() -> None:
    school = School.objects.create(name="Lakeside", slug="lakeside")
    import_roster(path=V1_2, school=school)
    delta = {
        "manifest.csv": b"propertyName,value\noneroster.version,1.2\nfile.users,delta\n"
        b"file.roles,delta\nfile.orgs,absent\n",
        "users.csv": b"sourcedId,status,username,givenName,familyName\nu-92,tobedeleted,,,\n",
        "roles.csv": b"sourcedId,userSourcedId,role,orgSourcedId\n",
    }
    plan = import_roster(files=delta, school=school)
    assert plan.steps[("user", "deactivate")] == 1
    assert not User.objects.get(sourced_id="u-92").is_active


def test_into_one_school_refuses_a_district() -> None:
    school = School.objects.create(name="Riverside", slug="riverside")
    with pytest.raises(RosterError, match=r"orgs.csv, line 4, column sourcedId"):
        import_roster(path=V1_1, school=school)


def test_the_cli_prints_the_plan_and_a_rerun_prints_changed_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import-oneroster", str(V1_1), "--dry-run"]) == 0
    assert "dry run" in capsys.readouterr().out and User.objects.count() == 0
    assert main(["import-oneroster", str(V1_1)]) == 0
    assert "changed: 26" in capsys.readouterr().out
    assert main(["import-oneroster", str(V1_1)]) == 0
    assert "changed: 0" in capsys.readouterr().out
    assert main(["import-oneroster", str(V1_1), "--school", "nope"]) == 2


def test_the_cli_names_the_file_line_and_column_of_a_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, data in folder(V1_1).items():
        (tmp_path / name).write_bytes(data.replace(b"student,ben.s", b"pupil,ben.s"))
    assert main(["import-oneroster", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "users.csv, line 6, column role: 'pupil' is not a OneRoster role" in err
    assert User.objects.count() == 0


def edited(name: str, old: bytes, new: bytes) -> dict[str, bytes]:
    files = folder(V1_1)
    assert old in files[name]
    files[name] = files[name].replace(old, new, 1)
    return files


REFUSALS = {
    "unknown class": (
        edited("enrollments.csv", b"e-2,,,cl-m5a", b"e-2,,,cl-zz"),
        "enrollments.csv, line 3, column classSourcedId: unknown reference",
    ),
    "unknown user": (
        edited("enrollments.csv", b"u-s1,student", b"u-zz,student"),
        "enrollments.csv, line 3, column userSourcedId: unknown reference",
    ),
    "unknown org": (
        edited("users.csv", b"true,org-s1,teacher", b"true,org-zz,teacher"),
        "users.csv, line 3, column orgSourcedIds: unknown reference",
    ),
    "unknown term": (
        edited("classes.csv", b"org-s1,as-t1,Math", b"org-s1,as-zz,Math"),
        "classes.csv, line 2, column termSourcedIds: unknown reference",
    ),
    "unknown agent": (
        edited("users.csv", b",u-p1,05", b",u-zz,05"),
        "users.csv, line 5, column agentSourcedIds: unknown reference",
    ),
    "missing field": (
        edited("users.csv", b"ana.s,,Ana,", b"ana.s,,,"),
        "users.csv, line 5, column givenName: this required field is blank",
    ),
    "missing column": (
        edited("classes.csv", b"schoolSourcedId", b"school"),
        "classes.csv, line 1, column schoolSourcedId: this required column is missing",
    ),
    "empty list": (
        edited("classes.csv", b"org-s1,as-t1,Math", b'org-s1," , ",Math'),
        "classes.csv, line 2, column termSourcedIds: this required field is blank",
    ),
    "sourcedId too long": (
        edited("users.csv", b"u-s3,", b"u-" + b"9" * 300 + b","),
        "users.csv, line 7, column sourcedId: longer than 255 characters",
    ),
    "bad date": (
        edited("academicSessions.csv", b"2026-12-18", b"18/12/2026"),
        "academicSessions.csv, line 3, column endDate: '18/12/2026' is not a date",
    ),
    "bad enrollment date": (
        edited("enrollments.csv", b"true,2026-08-20,", b"true,20.08.2026,"),
        "enrollments.csv, line 2, column beginDate: '20.08.2026' is not a date",
    ),
    "bad date-time": (
        edited("orgs.csv", b"org-s2,,", b"org-s2,,yesterday"),
        "orgs.csv, line 4, column dateLastModified",
    ),
    "duplicate sourcedId": (
        edited("users.csv", b"u-s3,", b"u-s2,"),
        "users.csv, line 7, column sourcedId: 'u-s2' is already on line 6",
    ),
    "wrong role": (
        edited("enrollments.csv", b"u-s3,student", b"u-s3,learner"),
        "enrollments.csv, line 6, column role",
    ),
    "bad encoding": (
        edited("users.csv", "João".encode(), "João".encode("latin-1")),
        "users.csv, line 10: not UTF-8",
    ),
    "bad manifest mode": (
        edited("manifest.csv", b"file.users,bulk", b"file.users,full"),
        "manifest.csv, line 16, column value",
    ),
    "shared username": (
        edited("users.csv", b"cai.s", b"ben.s"),
        "users.csv, line 7, column username: 'ben.s' already belongs",
    ),
    "lookalike username": (
        edited("users.csv", b"u-s3,,,true", b"u-s6,,,true"),
        "users.csv, line 7, column username: '\u0441\u0430\u0456.s' looks the same as 'cai.s'",
    ),
}


@pytest.mark.parametrize("kind", REFUSALS)
def test_each_refusal_names_file_line_column_and_writes_nothing(kind: str) -> None:
    files, message = REFUSALS[kind]
    if kind == "lookalike username":
        import_roster(path=V1_1)  # cai.s exists; the new one is written in Cyrillic
        files["users.csv"] = files["users.csv"].replace(b"cai.s", "саі.s".encode())
    before = snapshot()
    with pytest.raises(RosterError) as refused:
        import_roster(files=files)
    assert message in refused.value.message
    assert snapshot() == before


def test_an_email_that_cannot_be_one_is_left_blank() -> None:
    long_email = b"x" * 250 + b"@example.org"
    import_roster(files=edited("users.csv", b"pat@riverside.example", long_email))
    assert User.objects.get(sourced_id="u-a1").email == ""
    assert User.objects.get(sourced_id="u-t1").email == "lee@riverside.example"


LONG = b"L" * 300


@pytest.mark.parametrize(
    ("name", "old"),
    [
        ("orgs.csv", b"Riverside Elementary"),
        ("orgs.csv", b"RES"),
        ("academicSessions.csv", b"Fall 2026"),
        ("classes.csv", b"Science 7"),
        ("courses.csv", b"Mathematics"),
        ("users.csv", b"lee.teacher"),
        ("users.csv", b"Nguyen"),
    ],
)
def test_values_longer_than_a_column_are_cut_to_fit(name: str, old: bytes) -> None:
    plan = import_roster(files=edited(name, old, LONG))
    assert plan.steps[("user", "create")] == 9
    assert import_roster(files=edited(name, old, LONG)).changed == 0


def test_a_roster_without_a_manifest_is_read_as_bulk_with_a_note() -> None:
    files = folder(V1_1)
    del files["manifest.csv"]
    plan = import_roster(files=files, dry_run=True)
    assert any("no manifest.csv" in note for note in plan.notes)
    assert plan.steps[("user", "create")] == 9


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "roster.zip"
    bad.write_bytes(b"garbage")
    with pytest.raises(RosterError, match="not a readable zip"):
        import_roster(path=bad)


def _zip_with_users(path: Path, *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    with zipfile.ZipFile(path, "w", method) as zipped:
        zipped.writestr("users.csv", "sourcedId,username,givenName,familyName\n" + "u,a,A,B\n" * 50)
    return path.read_bytes()


def _patch_header(data: bytes, *, local: int, central: int, value: int, bitwise: bool) -> bytes:
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        at = patched.find(signature) + offset
        patched[at] = patched[at] | value if bitwise else value
    return bytes(patched)


def test_a_zip_whose_data_is_corrupt_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "roster.zip"
    data = bytearray(_zip_with_users(archive))
    start = data.find(b"users.csv") + len("users.csv")
    data[start : start + 16] = b"\xff" * 16
    archive.write_bytes(bytes(data))
    with pytest.raises(RosterError, match="not a readable zip"):
        import_roster(path=archive)


@pytest.mark.parametrize(
    ("local", "central", "value", "bitwise"),
    [(6, 8, 1, True), (8, 10, 99, False)],
    ids=["encrypted", "unknown-compression"],
)
def test_a_zip_that_cannot_be_opened_is_refused(
    tmp_path: Path, local: int, central: int, value: int, bitwise: bool
) -> None:
    archive = tmp_path / "roster.zip"
    data = _zip_with_users(archive, method=zipfile.ZIP_STORED)
    archive.write_bytes(
        _patch_header(data, local=local, central=central, value=value, bitwise=bitwise)
    )
    with pytest.raises(RosterError, match="cannot open"):
        import_roster(path=archive)


def test_a_zip_that_unpacks_too_large_is_refused_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("learnloop.schools.oneroster.reading.MAX_UNPACKED_BYTES", 1000)
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("notes.txt", b"\0" * 1001)
    with pytest.raises(RosterError, match="unpacks to more than"):
        import_roster(path=archive)


def test_invisible_and_direction_flipping_characters_never_reach_a_rostered_name() -> None:
    files = edited("users.csv", b",Ana,Silva,", ",An\u200ba,\u202eSilva\u2069,".encode())
    import_roster(files=files)
    student = User.objects.get(sourced_id="u-s1")
    assert (student.first_name, student.last_name) == ("Ana", "Silva")
    assert import_roster(files=files).changed == 0


SPANISH_REFUSALS = {
    "unknown class": "enrollments.csv, línea 3, columna classSourcedId: "
    "referencia desconocida: no hay clase 'cl-zz'",
    "unknown term": "classes.csv, línea 2, columna termSourcedIds: "
    "referencia desconocida: no hay período 'as-zz'",
    "unknown agent": "users.csv, línea 5, columna agentSourcedIds: "
    "referencia desconocida: no hay usuario 'u-zz'",
    "bad date": "academicSessions.csv, línea 3, columna endDate: "
    "'18/12/2026' no es una fecha (AAAA-MM-DD)",
    "wrong role": "enrollments.csv, línea 6, columna role: "
    "'learner' no es un rol de inscripción de OneRoster",
    "shared username": "users.csv, línea 7, columna username: 'ben.s' ya pertenece a otra cuenta",
}


@pytest.mark.parametrize("kind", SPANISH_REFUSALS)
def test_a_refusal_reads_in_the_admins_language_with_file_line_and_column(kind: str) -> None:
    files, _english = REFUSALS[kind]
    with translation.override("es"), pytest.raises(RosterError) as refused:
        import_roster(files=files)
    assert refused.value.message == SPANISH_REFUSALS[kind]


def test_the_preview_reads_in_the_admins_language_with_grouped_counts() -> None:
    with translation.override("es"):  # the office page plans and shows in one request
        rows = readable_summary(import_roster(path=V1_1, dry_run=True))
    words = {(kind, action, count) for kind, action, count, _examples in rows}
    assert ("persona", "añadir", "9") in words and ("escuela", "añadir", "2") in words
    examples = [example for *_words, shown in rows for example in shown]
    assert "Fall 2026 en Riverside Elementary" in examples
    assert "ana.s en Math 5 - Period 1" in examples


def test_one_refusal_lists_every_problem_found_in_every_file() -> None:
    files = edited("users.csv", b'org-s2,org-d1",teacher', b'org-s2,org-d1",pupil')
    files["enrollments.csv"] = files["enrollments.csv"].replace(b"e-2,,,cl-m5a", b"e-2,,,cl-zz")
    files["classes.csv"] = files["classes.csv"].replace(b"org-s1,as-t1,Math", b"org-s1,as-zz,Math")
    before = snapshot()
    with pytest.raises(RosterError) as refused:
        import_roster(files=files)
    assert refused.value.problems == [
        "classes.csv, line 2, column termSourcedIds: unknown reference: no term 'as-zz'",
        "users.csv, line 4, column role: 'pupil' is not a OneRoster role LearnLoop knows",
        "enrollments.csv, line 3, column classSourcedId: unknown reference: no class 'cl-zz'",
    ]
    assert snapshot() == before


def test_a_reference_to_a_refused_row_or_file_is_not_reported_again() -> None:
    # u-s1 is refused on read; its enrollment (e-2) and its guardian's agentSourcedIds
    # name it, and classes.csv as a whole is refused: nothing more is said of either
    files = edited("users.csv", b"ana.s,,Ana,", b"ana.s,,,")
    files["classes.csv"] = files["classes.csv"].replace(b"schoolSourcedId", b"school")
    with pytest.raises(RosterError) as refused:
        import_roster(files=files)
    assert refused.value.problems == [
        "classes.csv, line 1, column schoolSourcedId: this required column is missing",
        "users.csv, line 5, column givenName: this required field is blank",
    ]


def test_a_refusal_lists_the_first_50_problems_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = folder(V1_1)
    extra = "".join(f"e-x{n},,,cl-zz{n},org-s1,u-s1,student,false,,\n" for n in range(60))
    files["enrollments.csv"] += extra.encode()
    with pytest.raises(RosterError) as refused:
        import_roster(files=files)
    problems = refused.value.problems
    assert len(problems) == 51 and problems[-1] == "and 10 more problems"
    assert problems[0] == (
        "enrollments.csv, line 10, column classSourcedId: unknown reference: no class 'cl-zz0'"
    )
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert main(["import-oneroster", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Nothing imported: 60 problem(s)." in err and "  and 10 more problems" in err
    assert User.objects.count() == 0
