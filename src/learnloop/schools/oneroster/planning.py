"""Plan an import: what the roster would create, change and deactivate, before any write.

The plan is the dry run. It resolves every reference (against the roster and against
what earlier imports stored, keyed by sourcedId), refuses what it cannot resolve, and
holds unsaved model instances for `importing.apply_plan`. A refused row is left out and
planning goes on, so that one refusal lists every problem found (a reference to a row
already refused is not reported again); any problem refuses the whole roster. A plan of
an unchanged roster is empty. Deletion never happens: a `tobedeleted` user is
deactivated, a `tobedeleted` enrollment ends the membership; a student's work stays with
the student.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext, ngettext

from learnloop.accounts.models import User
from learnloop.schools.models import Classroom, School, Term
from learnloop.schools.oneroster import mapping, people
from learnloop.schools.oneroster.reading import (
    AlreadyRefused,
    RosterError,
    RosterFiles,
    Row,
    refuse_all,
)

PREVIEW_ROWS = 5
Pair = tuple[str, str]


@dataclass
class RosterPlan:
    """What an import will do. `steps` counts (kind, action); `examples` the first of each."""

    files: RosterFiles
    steps: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    creates: dict[str, list[Any]] = field(default_factory=dict)
    updates: list[tuple[Any, list[str]]] = field(default_factory=list)
    deactivate_user_pks: list[int] = field(default_factory=list)
    remove_enrollment_pks: list[int] = field(default_factory=list)
    remove_teaching_pks: list[int] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(self.steps.values())

    @property
    def notes(self) -> list[str]:
        return self.files.notes

    def note(self, kind: str, action: str, label: str) -> None:
        self.steps[(kind, action)] += 1
        shown = self.examples.setdefault((kind, action), [])
        if len(shown) < PREVIEW_ROWS:
            shown.append(label)

    def create(self, kind: str, instance: Any, label: str) -> None:
        self.creates.setdefault(kind, []).append(instance)
        self.note(kind, "create", label)

    def update(self, kind: str, instance: Any, desired: dict[str, Any], label: str) -> None:
        fields = [name for name, value in desired.items() if _differs(instance, name, value)]
        if fields:
            for name in fields:
                setattr(instance, name, desired[name])
            self.updates.append((instance, fields))
            self.note(kind, "change", f"{label}: {', '.join(fields)}")


class Planner:
    """Walks the roster's files in dependency order, building one RosterPlan."""

    def __init__(self, files: RosterFiles, school: School | None) -> None:
        self.files = files
        self.target = school
        self.plan = RosterPlan(files=files)
        self.schools = {s.sourced_id: s for s in School.objects.exclude(sourced_id="")}
        self.other_orgs: set[str] = set()
        self.sessions: dict[str, Row] = {}
        self.courses: dict[str, Row] = {}
        self.terms: dict[Pair, Term] = {}
        self.term_names: dict[Any, set[str]] = {}
        classes = Classroom.objects.exclude(sourced_id="")
        users = User.objects.exclude(sourced_id="")
        # Into one school, the roster sees only that school's rostered classes and people:
        # another school's are neither changed nor joined, and their ids are refused.
        self.foreign_user_ids: set[str] = set()
        if school is not None:
            foreign = users.exclude(school=school).values_list("sourced_id", flat=True)
            self.foreign_user_ids = set(foreign)
            classes, users = classes.filter(school=school), users.filter(school=school)
        self.classes = {c.sourced_id: c for c in classes}
        self.users = {u.sourced_id: u for u in users}
        self.raw_roles: dict[str, str] = {}

    def run(self) -> RosterPlan:
        """The plan; RosterError (RosterProblems for several) with every problem found."""
        try:
            self.plan_orgs()
        except RosterError as refusal:  # which school the roster is: nothing else can be read
            self.files.refuse(refusal, "orgs")
            refuse_all(self.files.problems)
        self.sessions = self._checked("academicSessions")
        self.courses = self._checked("courses")
        for row in self.courses.values():
            with self.checking(row):
                self.org_school(row, "orgSourcedId")
        self.plan_classes()
        people.plan_users(self)
        people.plan_enrollments(self)
        people.plan_guardian_links(self)
        refuse_all(self.files.problems)
        return self.plan

    @contextmanager
    def checking(self, row: Row) -> Iterator[None]:
        """Plan one row; a refusal is noted, the row left out, and planning goes on."""
        try:
            yield
        except RosterError as refusal:
            self.files.refuse(refusal, row.file, row.sourced_id)

    def unknown(self, row: Row, column: str, name: str, sourced_id: str, message: str) -> Exception:
        """The refusal of a reference to `sourced_id` in `name`: silent if that was refused."""
        if self.files.is_refused(name, sourced_id):
            return AlreadyRefused(row.file, message)
        return row.refuse(column, message)

    def _checked(self, name: str) -> dict[str, Row]:
        rows = {}
        for row in self.files.rows(name):
            with self.checking(row):
                mapping.check_modified(row)
                session = name == "academicSessions" and not row.to_be_deleted
                end, start = ("endDate", "startDate")
                if session and mapping.date_of(row, end) < mapping.date_of(row, start):
                    raise row.refuse("endDate", gettext("ends before it starts"))
                rows[row.sourced_id] = row
        return rows

    # -- orgs -> schools ------------------------------------------------------------------
    def plan_orgs(self) -> None:
        school_rows = []
        for row in self.files.rows("orgs"):
            with self.checking(row):
                mapping.check_modified(row)
                if row.get("type").lower() in mapping.SCHOOL_ORG_TYPES:
                    school_rows.append(row)
                else:
                    self.other_orgs.add(row.sourced_id)
        if self.target is not None:
            self._plan_target_school(school_rows)
            return
        taken = set(School.objects.values_list("slug", flat=True))
        for row in school_rows:
            existing = self.schools.get(row.sourced_id)
            name = mapping.text(row.get("name"), 200)
            if existing is not None:
                self.plan.update("school", existing, {"name": name}, row.sourced_id)
                continue
            slug = mapping.unique_slug(row.get("identifier") or name, taken)
            school = School(name=name, slug=slug, sourced_id=row.sourced_id)
            self.schools[row.sourced_id] = school
            self.plan.create("school", school, f"{name} ({row.sourced_id})")

    def _plan_target_school(self, school_rows: list[Row]) -> None:
        target = self.target
        assert target is not None
        if not school_rows and "orgs" not in self.files.tables and target.sourced_id:
            self.schools = {target.sourced_id: target}  # a delta without orgs.csv
            return
        mine = [r for r in school_rows if r.sourced_id == target.sourced_id] or school_rows
        if len(mine) != 1:
            where = school_rows[1] if len(mine) > 1 else None
            message = ngettext(
                "the roster holds %(count)d school; import a district from the "
                "command line without --school",
                "the roster holds %(count)d schools; import a district from the "
                "command line without --school",
                len(school_rows),
            ) % {"count": len(school_rows)}
            raise (
                where.refuse("sourcedId", message) if where else RosterError("orgs.csv", message)
            )
        row = mine[0]
        if self.schools.get(row.sourced_id, target) != target:
            raise row.refuse("sourcedId", gettext("another LearnLoop school has this sourcedId"))
        for other in school_rows:
            if other is not row:
                raise other.refuse(
                    "sourcedId", gettext("not the school %(name)s") % {"name": repr(target.name)}
                )
        self.plan.update("school", target, {"sourced_id": row.sourced_id}, target.name)
        self.schools = {row.sourced_id: target}

    def org_school(self, row: Row, column: str, sourced_id: str = "") -> School | None:
        """The school an org reference names (None for a district or other org)."""
        sourced_id = sourced_id or row.get(column)
        if sourced_id in self.schools:
            return self.schools[sourced_id]
        if sourced_id in self.other_orgs:
            return None
        message = gettext("unknown reference: no org %(id)s") % {"id": repr(sourced_id)}
        raise self.unknown(row, column, "orgs", sourced_id, message)

    # -- classes (with their terms) -------------------------------------------------------
    def term_for(self, school: School, row: Row) -> Term:
        session_ids = mapping.id_list(row, "termSourcedIds")
        if not session_ids:
            raise row.refuse("termSourcedIds", gettext("this required field is blank"))
        session_id = session_ids[0]
        key = (school.sourced_id, session_id)
        if key in self.terms:
            return self.terms[key]
        names = self._names(school, Term, "school")
        existing = (
            Term.objects.filter(school=school, sourced_id=session_id).first() if school.pk else None
        )
        session = self.sessions.get(session_id)
        if session is None or session.to_be_deleted:
            if existing is None:
                message = gettext("unknown reference: no term %(id)s") % {"id": repr(session_id)}
                raise self.unknown(row, "termSourcedIds", "academicSessions", session_id, message)
            self.terms[key] = existing
            return existing
        desired = {
            "starts_on": mapping.date_of(session, "startDate"),
            "ends_on": mapping.date_of(session, "endDate"),
        }
        if existing is not None:
            self.plan.update("term", existing, desired, session.get("title"))
            term = existing
        else:
            name = mapping.unique_name(session.get("title"), session_id, names, 100)
            term = Term(school=school, name=name, sourced_id=session_id, **desired)
            self.plan.create(
                "term",
                term,
                gettext("%(term)s at %(school)s") % {"term": name, "school": school.name},
            )
        self.terms[key] = term
        return term

    def _names(self, owner: Any, model: Any, field_name: str) -> set[str]:
        key = (model.__name__, id(owner))
        if key not in self.term_names:
            query = model.objects.filter(**{field_name: owner}) if owner.pk else None
            self.term_names[key] = set(query.values_list("name", flat=True)) if query else set()
        return self.term_names[key]

    def plan_classes(self) -> None:
        for row in self.files.rows("classes"):
            with self.checking(row):
                self._plan_class_row(row)

    def _plan_class_row(self, row: Row) -> None:
        mapping.check_modified(row)
        existing = self.classes.get(row.sourced_id)
        if row.to_be_deleted:
            if existing is not None:
                self.plan.files.notes.append(
                    gettext(
                        "classes.csv, line %(line)d: class %(id)s is marked tobedeleted; "
                        "classes are kept with their students' work"
                    )
                    % {"line": row.line, "id": repr(row.sourced_id)}
                )
            return
        school = self.org_school(row, "schoolSourcedId")
        if school is None:
            raise row.refuse("schoolSourcedId", gettext("this org is not a school"))
        course = self.courses.get(row.get("courseSourcedId"))
        courses_read = "courses" in self.files.tables or "courses" in self.files.refused_files
        if course is None and courses_read:
            ref = row.get("courseSourcedId")
            message = gettext("unknown reference: no course %(id)s") % {"id": repr(ref)}
            raise self.unknown(row, "courseSourcedId", "courses", ref, message)
        self._plan_class(row, school, self.term_for(school, row), course)

    def _plan_class(self, row: Row, school: School, term: Term, course: Row | None) -> None:
        def either(column: str) -> str:
            return row.get(column) or (course.get(column) if course else "")

        existing = self.classes.get(row.sourced_id)
        names = self._names(term, Classroom, "term")
        desired: dict[str, Any] = {
            "subject": mapping.text(either("subjects"), 80),
            "grade_level": mapping.text(either("grades"), 20),
            "term": term,
        }
        title = row.get("title")
        if existing is not None:
            if existing.name != title[:120] and title[:120] not in names:
                desired["name"] = mapping.unique_name(title, row.sourced_id, names, 120)
            self.plan.update("class", existing, desired, row.sourced_id)
            return
        name = mapping.unique_name(title, row.sourced_id, names, 120)
        classroom = Classroom(school=school, name=name, sourced_id=row.sourced_id, **desired)
        self.classes[row.sourced_id] = classroom
        self.plan.create("class", classroom, f"{name} ({term.name})")


def _differs(instance: Any, name: str, value: Any) -> bool:
    """Whether `instance.name` differs from `value`; a relation compares ids, not rows."""
    related_id = f"{name}_id"
    if isinstance(value, Model):
        return value.pk is None or getattr(instance, related_id) != value.pk
    if value is None and hasattr(instance, related_id):
        return getattr(instance, related_id) is not None
    return bool(getattr(instance, name) != value)
