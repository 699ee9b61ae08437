"""`import-oatutor` on small made-up courses in the upstream layout, and their mutations."""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.test import Client

from learnloop.cli import main
from learnloop.content.grading_adapter import grade_item
from learnloop.content.models import (
    Activity,
    Item,
    ItemKind,
    ItemStep,
    Source,
    Status,
    StepHint,
)
from learnloop.content.oatutor_import import import_oatutor, oatutor_fields
from learnloop.content.oatutor_items import apply_instance
from learnloop.content.oatutor_reader import OatutorError
from learnloop.content.richtext import plain_text
from learnloop.learning.engine_state import active_model, forget_cached_model
from learnloop.learning.models import EngineModel, PracticeSession
from learnloop.standards.case_export import framework_as_case_package
from learnloop.standards.models import Framework, Standard
from learnloop.standards.services import adopt_framework, import_case
from learnloop.testing.world import World

POOL = Path(__file__).parent / "fixtures" / "oatutor" / "pool"
FRACTIONS = "Made-up Fractions"
pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(tmp_path: Path) -> Path:
    """A writable copy of the fixture pool, for mutations."""
    return Path(shutil.copytree(POOL, tmp_path / "pool"))


def item(problem_id: str) -> Item:
    return Item.objects.get(source=Source.OATUTOR, source_identifier=f"shared:{problem_id}")


def reading_fractions_as_the_student(world: World) -> tuple[Client, Activity, str]:
    """The world's class follows the imported fractions course; its student opens the
    practice of "Lesson 1.2 Reading fractions": the client, the activity, the page."""
    adopt_framework(classroom=world.classroom, framework=Framework.objects.get(title=FRACTIONS))
    activity = Activity.objects.get(title="Lesson 1.2 Reading fractions")
    client = Client()
    client.force_login(world.student)
    page = client.get(f"/learn/activities/{activity.pk}/practice/").content.decode()
    return client, activity, page


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_courses_lessons_and_problems_map_onto_frameworks_standards_activities_items() -> None:
    report = import_oatutor(path=POOL)
    assert [c.name for c in report.courses] == [FRACTIONS, "Geometría básica"]
    fractions = Framework.objects.get(title=FRACTIONS)
    assert sorted(fractions.standards.values_list("code", flat=True)) == [
        "add_fractions",
        "compare_fractions",
        "name_fractions",
    ]
    add = fractions.standards.get(code="add_fractions")
    assert add.full_statement == "Add fractions"
    assert oatutor_fields(add.extra)["mastery_threshold"] == 0.9
    lessons = Activity.objects.filter(source=Source.OATUTOR).order_by("title")
    assert [a.title for a in lessons] == [
        "Lesson 1.1 Adding fractions",
        "Lesson 1.2 Reading fractions",
        "Ángulos",
    ]
    first = lessons[0]
    assert first.kind == "practice" and first.status == Status.PUBLISHED
    assert set(first.standards.values_list("code", flat=True)) == {
        "add_fractions",
        "compare_fractions",
    }
    assert first.extra["allowRecycle"] is True
    assert list(first.items.order_by("entries__position").values_list("title", flat=True))[:2] == [
        "Adding halves and quarters",
        "fracFig1",
    ]
    assert set(item("fracMc1").standards.values_list("code", flat=True)) == {"compare_fractions"}
    counts = report.courses[0]
    assert (counts.items_created, counts.published, counts.several_steps) == (7, 7, 1)
    assert (counts.several_steps_published, counts.not_gradable) == (1, 0)
    assert counts.missing_figures == 0 and counts.figures_stored == 1


def test_steps_hint_pathways_scaffolds_and_variables_are_kept_raw() -> None:
    import_oatutor(path=POOL)
    added = item("fracAdd1")
    step = added.steps.get()
    assert step.title == "What is $$\\frac{1}{2}+\\frac{1}{4}$$ as a decimal?"
    assert (step.answer_type, step.answers, step.answer_latex) == (
        "arithmetic",
        ["$$0.75$$"],
        "0.75",
    )
    assert step.skills == ["add_fractions"]
    hints = list(step.hints.filter(parent=None))
    assert [h.kind for h in hints] == ["hint", "scaffold", "hint"]
    scaffold = hints[1]
    assert scaffold.answers == ["$$\\frac{3}{4}$$"] and scaffold.dependencies == ["fracAdd1a-h1"]
    assert [s.text for s in scaffold.sub_hints.all()] == ["Add the numerators: $$2+1$$."]
    assert scaffold.attribution_source == "https://OATutor.io <OATutor>"
    assert added.hints == ["Common denominator: Write both with denominator $$4$$."]
    varied = item("fracVar1")
    assert varied.variables == {"slices": ["8", "12"]}
    assert varied.steps.get().variables == {"half": ["4", "6"]}
    assert "8 slices" in varied.stem and "Divide 8 by 2." in varied.hints[0]
    assert grade_item(varied, "4").correct
    steps = item("fracSteps1")
    assert list(steps.steps.values_list("identifier", flat=True)) == ["fracSteps1a", "fracSteps1b"]
    assert steps.status == Status.PUBLISHED  # served step by step (the step player)
    assert steps.stem == "<p>Two parts.</p>"  # the steps are asked one by one


def test_scaffolds_stay_sub_questions_and_the_pathway_becomes_a_worked_solution() -> None:
    import_oatutor(path=POOL)
    added = item("fracAdd1")
    # The scaffold is not folded into the hints; the "Answer" hint waits for the solution.
    assert not any("frac{2}{4}" in hint or "0.75" in hint for hint in added.hints)
    solution = added.solution
    steps = [
        "Common denominator: Write both with denominator $$4$$.",
        "Think: What is $$\\frac{2}{4}+\\frac{1}{4}$$? <strong>Answer:</strong> $$\\frac{3}{4}$$",
        "Answer: $$\\frac{3}{4}=0.75$$",
    ]
    assert solution.startswith("<ol>" + "".join(f"<li>{s}</li>" for s in steps) + "</ol>")
    assert "<p><strong>Answer:</strong> $$0.75$$</p>" in solution
    # The credit reads "URL <name>" as every attribution does: a link named, never raw.
    assert 'OATutor hint pathway (<a href="https://OATutor.io"' in solution
    assert ">OATutor</a>; license <a " in solution
    assert ">CC BY 4.0</a>" in solution
    assert "&lt;" not in solution
    # Several steps: a worked solution over every step, each with its answer.
    several = item("fracSteps1").solution
    assert several.startswith("<ol><li><p>1+2?</p><p><strong>Answer:</strong> 3</p></li>")
    assert "<li><p>Is 3 &gt; 2?</p><p><strong>Answer:</strong> Yes</p></li></ol>" in several
    assert "hint pathways of its steps" in several


def test_a_variabilized_worked_solution_is_drawn_with_the_instance() -> None:
    import_oatutor(path=POOL)
    varied = item("fracVar1")
    assert "Divide 8 by 2." in varied.solution and "<strong>Answer:</strong> 4<" in varied.solution
    template = varied.extra["oatutor"]["template"]
    apply_instance(varied, template, 1)
    assert "Divide 12 by 2." in varied.solution and "<strong>Answer:</strong> 6<" in varied.solution
    assert varied.hints == ["Think: Divide 12 by 2."]


def test_a_reimport_rewrites_items_built_by_an_older_importer() -> None:
    import_oatutor(path=POOL)
    Item.objects.filter(source_identifier__endswith="fracAdd1").update(
        hints=["old folded hints"], solution="", extra={"oatutor": {"digest": "version 3"}}
    )
    import_oatutor(path=POOL)
    again = item("fracAdd1")
    assert again.hints != ["old folded hints"] and again.solution


def test_each_answer_type_grades() -> None:
    import_oatutor(path=POOL)
    arithmetic = item("fracAdd1")
    assert arithmetic.kind == ItemKind.MATH and arithmetic.accepted_answers == ["0.75"]
    assert grade_item(arithmetic, "3/4").correct and not grade_item(arithmetic, "0.7").correct
    single = item("fracMc1")
    right = single.choices.get(is_correct=True)
    assert single.kind == ItemKind.SINGLE_CHOICE and right.text == "$$\\frac{1}{2}$$"
    assert grade_item(single, right.identifier).correct
    several = item("fracMulti1")
    keys = sorted(several.choices.filter(is_correct=True).values_list("identifier", flat=True))
    assert several.kind == ItemKind.MULTIPLE_CHOICE and keys == ["A", "B"]
    assert grade_item(several, keys).correct and not grade_item(several, ["A"]).correct
    words = item("fracWord1")
    assert words.kind == ItemKind.SHORT_TEXT and grade_item(words, "One half").correct
    assert words.steps.get().extra == {"newUpstreamField": 42}
    assert words.extra["difficultyTag"] == "easy"


def test_attribution_is_stored_and_shown_on_the_practice_page(world: World) -> None:
    import_oatutor(path=POOL, courses=["made-up fractions"])
    added = item("fracAdd1")
    assert added.attribution_source == "https://example.org/fractions <Example Fractions Book>"
    assert added.attribution.license_name == "CC BY 4.0"
    assert not Framework.objects.filter(title="Geometría básica").exists()
    client, activity, page = reading_fractions_as_the_student(world)
    assert "Write $$\\frac{1}{2}$$ in words." in page
    assert '<a href="https://example.org/fractions" rel="noopener noreferrer">' in page
    assert "Example Fractions Book</a> · License:" in page and "CC BY 4.0</a>" in page
    session = PracticeSession.objects.get(student=world.student)
    client.post(f"/learn/practice/{session.pk}/hint/")
    hinted = client.get(f"/learn/activities/{activity.pk}/practice/").content.decode()
    assert "Hint 1:</strong> Think: It is a half: $$\\frac{1}{2} &lt; 1$$." in hinted
    answer = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": "One half",
        "kind": "short_text",
    }
    feedback = client.post(f"/learn/activities/{activity.pk}/practice/", answer).content.decode()
    assert "Correct!" in feedback and "CC BY 4.0</a>" in feedback


def test_the_teachers_preview_shows_a_multi_step_problems_steps(world: World) -> None:
    import_oatutor(path=POOL, courses=["made-up fractions"])
    client = Client()
    client.force_login(world.teacher)
    page = client.get(f"/content/items/{item('fracSteps1').pk}/").content.decode()
    assert "2 steps, asked one at a time" in page
    assert '1+2? <span class="muted">Answer: 3</span>' in page
    assert 'Is 3 &gt; 2? <span class="muted">Answer: Yes</span>' in page
    assert "hint pathways of its steps" in page  # the worked solution over the steps


def test_a_second_run_updates_in_place(pool: Path) -> None:
    import_oatutor(path=pool)
    before = (Item.objects.count(), ItemStep.objects.count(), StepHint.objects.count())
    ids = set(Item.objects.values_list("pk", flat=True))
    edit_json(
        pool / "content-pool/fracMc1/fracMc1.json", lambda d: d.update(title="Which is bigger")
    )
    report = import_oatutor(path=pool)
    fractions = report.courses[0]
    assert (fractions.items_created, fractions.items_updated, fractions.items_unchanged) == (
        0,
        1,
        6,
    )
    assert (Item.objects.count(), ItemStep.objects.count(), StepHint.objects.count()) == before
    assert set(Item.objects.values_list("pk", flat=True)) == ids
    assert item("fracMc1").title == "Which is bigger"
    assert Framework.objects.count() == 2 and Standard.objects.count() == 4
    assert Activity.objects.count() == 3 and item("fracMc1").choices.count() == 2


def test_the_problems_title_heads_the_question_as_oatutor_shows_it(
    pool: Path, world: World
) -> None:
    """Upstream, 4,127 of 12,814 problems have no body: the title holds the instruction
    ("Solve the equation for the variable.") and the step only the equation. Found as a
    student in the demo's algebra class, who read "3/4 x = 12" and no question."""
    edit_json(
        pool / "content-pool/fracWord1/fracWord1.json",
        lambda d: d.update(title="Write the fraction in words.", body=""),
    )
    edit_json(  # a title the body already opens with is not said twice
        pool / "content-pool/fracMc1/fracMc1.json", lambda d: d.update(title="Compare.")
    )
    import_oatutor(path=pool, courses=["made-up fractions"])
    asked = item("fracWord1")
    assert asked.stem.startswith("<p><strong>Write the fraction in words.</strong></p>")
    assert item("fracAdd1").stem.startswith(
        "<p><strong>Adding halves and quarters:</strong></p><p>Add the fractions.</p>"
    )
    assert plain_text(item("fracAdd1").stem).startswith(
        "Adding halves and quarters: Add the fractions."
    )  # as a list of recent answers reads it, in one line
    assert item("fracMc1").stem.count("Compare.") == 1
    assert "fracSteps1" not in item("fracSteps1").stem  # a title that is the problem's id
    _, _, page = reading_fractions_as_the_student(world)
    assert "<strong>Write the fraction in words.</strong>" in page


@pytest.mark.parametrize(
    "title",
    ["<script>alert(1)</script>Solve", "x" * 50_000, "   ", "\u202eSolve\u202c", "Solve $$x+1=2"],
    ids=["markup", "huge", "blank", "bidi-override", "open-math"],
)
def test_a_title_from_the_wild_heads_the_question_safely(pool: Path, title: str) -> None:
    edit_json(
        pool / "content-pool/fracWord1/fracWord1.json", lambda d: d.update(title=title, body="")
    )
    import_oatutor(path=pool, courses=["made-up fractions"])
    stem = item("fracWord1").stem
    assert "<script" not in stem and "alert(1)</script>" not in stem
    assert len(item("fracWord1").title) <= 200
    if not title.strip():
        assert "<strong>" not in stem  # a blank title heads nothing


def test_a_broken_file_refuses_its_course_only_naming_file_and_json_path(pool: Path) -> None:
    step = pool / "content-pool/fracMc1/steps/fracMc1a/fracMc1a.json"
    edit_json(step, lambda d: d.pop("stepAnswer"))
    edit_json(pool / "content-pool/fracWord1/fracWord1.json", lambda d: d.update(body=["x"]))
    report = import_oatutor(path=pool)
    fractions, geometry = report.courses
    assert not fractions.imported and geometry.imported
    assert fractions.problems == [
        "content-pool/fracMc1/steps/fracMc1a/fracMc1a.json: $.stepAnswer: missing or empty",
        "content-pool/fracWord1/fracWord1.json: $.body: expected text, got list",
    ]
    assert not Framework.objects.filter(title=FRACTIONS).exists()
    assert Item.objects.count() == 1 and item("G-001").status == Status.PUBLISHED


def test_an_unusable_course_plan_refuses_everything(pool: Path) -> None:
    edit_json(pool / "coursePlans.json", lambda d: d[1].update(lessons={"not": "a list"}))
    with pytest.raises(OatutorError) as refused:
        import_oatutor(path=pool)
    assert refused.value.problems == ["coursePlans.json: $[1].lessons: expected a list"]
    with pytest.raises(OatutorError, match="no course named 'Nope'"):
        import_oatutor(path=POOL, courses=["Nope"])
    assert not Item.objects.exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (b"[" * 5000 + b"]" * 5000, "coursePlans.json: nested deeper than 32 levels"),
        (b'[{"courseName": "A\\ud800"}]', "$[0].courseName: contains a lone surrogate"),
        (b'[{"courseName": "A\\u0000"}]', "$[0].courseName: contains a NUL character"),
        (b"[NaN]", "NaN is not a JSON number"),
        (b'["caf\xe9"]', "coursePlans.json: not UTF-8 text"),
    ],
)
def test_hostile_json_is_refused_by_place_and_nothing_is_stored(
    pool: Path, text: bytes, problem: str
) -> None:
    (pool / "coursePlans.json").write_bytes(text)
    with pytest.raises(OatutorError) as refused:
        import_oatutor(path=pool)
    assert len(refused.value.problems) == 1 and problem in refused.value.problems[0]
    assert not Item.objects.exists() and not Framework.objects.exists()


def test_a_course_never_seen_with_optional_fields_missing() -> None:
    report = import_oatutor(path=POOL, courses=["Geometría básica"])
    assert [c.name for c in report.courses] == ["Geometría básica"]
    angle = item("G-001")
    assert angle.kind == ItemKind.MATH and grade_item(angle, "90").correct
    assert angle.title == "" and angle.attribution_license == "CC4.0"
    assert angle.attribution.license_url == "" and angle.hints == []
    assert list(angle.standards.values_list("code", flat=True)) == ["ángulos rectos"]
    assert oatutor_fields(Framework.objects.get().extra)["hue"] == "blue"


def test_a_tar_xz_imports_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "pool.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        tar.add(POOL, arcname="OATutor-Content-main")
    report = import_oatutor(path=archive)
    assert [c.items_created for c in report.courses] == [7, 1]
    assert item("fracFig1").status == Status.PUBLISHED


def test_figures_are_served_from_storage_and_missing_ones_keep_the_problem_unpublished(
    pool: Path, world: World
) -> None:
    import_oatutor(path=POOL)
    figure = item("fracFig1")
    assert figure.status == Status.PUBLISHED
    url = "/content/figures/fracFig1/figure1.gif"
    assert f'<img src="{url}" alt="Figure: figure1.gif">' in figure.stem
    client = Client()
    client.force_login(world.student)
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/gif"
    assert served.content == (POOL / "content-pool/fracFig1/figures/figure1.gif").read_bytes()
    assert client.get("/content/figures/fracFig1/figure9.gif").status_code == 404
    shutil.rmtree(pool / "content-pool/fracFig1/figures")
    report = import_oatutor(path=pool)
    assert report.courses[0].missing_figures == 1
    assert item("fracFig1").status == Status.DRAFT
    assert "(figure not available)" in item("fracFig1").stem


def test_bkt_parameters_become_the_engine_priors_of_their_standards() -> None:
    report = import_oatutor(path=POOL)
    assert report.priors == 2
    add = Standard.objects.get(code="add_fractions")
    params = EngineModel.objects.get(active=True).params
    assert params["skills"][str(add.pk)] == {
        "prior": 0.3,
        "learn": 0.2,
        "guess": 0.25,
        "slip": 0.05,
        "forget": 0.0,
    }
    forget_cached_model()
    assert active_model().initial_state(str(add.pk)).skill.mastery == 0.3
    assert oatutor_fields(add.extra)["skill"] == "add_fractions"
    assert import_oatutor(path=POOL).priors == 2
    assert EngineModel.objects.count() == 1


def test_an_imported_course_exports_as_case_and_imports_back() -> None:
    import_oatutor(path=POOL)
    framework = Framework.objects.get(title=FRACTIONS)
    exported = framework_as_case_package(framework)
    assert exported["CFDocument"]["title"] == FRACTIONS
    assert exported["CFDocument"]["officialSourceURL"] == "https://example.org/fractions"
    assert "CC BY 4.0" in exported["CFDocument"]["description"]
    codes = sorted(i["humanCodingScheme"] for i in exported["CFItems"])
    assert codes == ["add_fractions", "compare_fractions", "name_fractions"]
    report = import_case(data=json.loads(json.dumps(exported)), source="export.json")
    assert report.framework.pk == framework.pk
    assert framework.standards.count() == 3


def test_the_command_prints_a_report_per_course(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-oatutor", str(POOL), "--course", FRACTIONS]) == 0
    out = capsys.readouterr().out
    assert f"{FRACTIONS}: 3 standards, 2 activities, items 7 created, 0 updated" in out
    assert "7 published (1 of 1 with several steps, served step by step)" in out
    assert "not published: 0 missing figures, 0 with an answer the grader cannot take" in out
    assert "Imported 1 of 1 course(s), 2 BKT priors set" in out
    assert main(["import-oatutor", str(POOL), "--course", "Nope"]) == 1
    assert "Nothing imported: 1 problem(s)." in capsys.readouterr().err


def test_the_command_exits_non_zero_when_a_course_is_refused(
    pool: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    step = pool / "content-pool/G-001/steps/G-001-s1/G-001-s1.json"
    step.write_text("{not json", encoding="utf-8")
    assert main(["import-oatutor", str(pool)]) == 1
    captured = capsys.readouterr()
    assert "Geometría básica: refused, 1 problem(s):" in captured.err
    assert "content-pool/G-001/steps/G-001-s1/G-001-s1.json: not valid JSON" in captured.err
    assert "Imported 1 of 2 course(s)" in captured.out
    # a problem whose lesson cannot be read could belong to any course: all are refused
    (pool / "content-pool/G-001/G-001.json").write_text("{not json", encoding="utf-8")
    assert main(["import-oatutor", str(pool)]) == 1
    assert "Imported 0 of 2 course(s)" in capsys.readouterr().out


def test_a_figure_of_a_problem_id_with_odd_characters_is_stored_safely(
    pool: Path, world: World
) -> None:
    edit_json(pool / "content-pool/fracFig1/fracFig1.json", lambda d: d.update(id="frac'Fig 1"))
    import_oatutor(path=pool)
    figure = Item.objects.get(source_identifier="shared:frac'Fig 1")
    assert figure.status == Status.PUBLISHED
    src = figure.stem.split('src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/content/figures/frac_Fig_1-") and src.endswith("/figure1.gif")
    client = Client()
    client.force_login(world.teacher)
    assert client.get(src).status_code == 200


def test_lessons_are_chosen_by_name_or_id(capsys: pytest.CaptureFixture[str]) -> None:
    report = import_oatutor(path=POOL, lessons=["lesson 1.2 reading fractions"])
    assert [c.name for c in report.courses] == [FRACTIONS]
    assert list(Activity.objects.values_list("title", flat=True)) == [
        "Lesson 1.2 Reading fractions"
    ]
    fractions = Framework.objects.get(title=FRACTIONS)
    assert list(fractions.standards.values_list("code", flat=True)) == ["name_fractions"]
    assert not Item.objects.filter(source_identifier="shared:fracMc1").exists()
    with pytest.raises(OatutorError, match="no lesson named 'Lesson 9'"):
        import_oatutor(path=POOL, lessons=["g:1", "Lesson 9"])
    assert (
        main(["import-oatutor", str(POOL), "--course", FRACTIONS, "--lesson", "lesson-frac-1"]) == 0
    )
    assert f"{FRACTIONS}: 2 standards, 1 activities" in capsys.readouterr().out
    assert Activity.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("handout.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"),
        ("handout.pdf", b"%PDF-1.4\n" + b"stream of text " * 200),
        ("pool.tar", b"not a tar at all " * 100),
        ("pool.tar.gz", b""),
    ],
)
def test_a_file_that_is_not_a_tar_archive_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["import-oatutor", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{name}: not a readable tar archive" in err
    assert "coursePlans.json" not in err
