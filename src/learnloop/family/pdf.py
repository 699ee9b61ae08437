"""The progress report as a PDF, drawn with ReportLab's platypus (pure Python).

Text from people (titles, reflections) is escaped before it reaches ReportLab's
paragraph markup, so a title like "<b>" prints as typed.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from learnloop.content.richtext import plain_text
from learnloop.core.readable import day_month_year, long_date
from learnloop.engine.levels import Level
from learnloop.family.selectors import ProgressReport
from learnloop.learning.level_names import level_name

LEVEL_COLOURS = {
    Level.NOT_STARTED: "#e5e7eb",
    Level.PRACTICING: "#fde68a",
    Level.FAMILIAR: "#bfdbfe",
    Level.PROFICIENT: "#86efac",
    Level.MASTERED: "#15803d",
}  # fmt: skip (the same palette as learnloop.css)


def _styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    return {
        "title": sheet["Title"],
        "h2": sheet["Heading2"],
        "body": sheet["BodyText"],
        "small": ParagraphStyle("small", parent=sheet["BodyText"], fontSize=8, leading=10),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _mastery_table(report: ProgressReport, styles: dict[str, ParagraphStyle]) -> Table:
    data = [[gettext("Standard"), gettext("What it means"), gettext("Level")]]
    backgrounds = []
    for index, row in enumerate(report.rows, start=1):
        statement = row.standard.abbreviated_statement or row.standard.full_statement
        meaning = [_p(statement[:160], styles["small"])]
        if row.why:  # what stands behind the level, as on the family's page
            meaning.append(
                _p(gettext("Why: %(reasons)s") % {"reasons": "; ".join(row.why)}, styles["small"])
            )
        data.append([row.standard.label, meaning, level_name(row.level)])
        backgrounds.append(
            ("BACKGROUND", (2, index), (2, index), colors.HexColor(LEVEL_COLOURS[row.level]))
        )
        if row.level == Level.MASTERED:
            backgrounds.append(("TEXTCOLOR", (2, index), (2, index), colors.white))
    table = Table(data, colWidths=[28 * mm, 110 * mm, 30 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9ca3af")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f4f6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *backgrounds,
    ]))  # fmt: skip
    return table


def _summary(report: ProgressReport) -> str:
    return ", ".join(
        gettext("%(count)s %(level)s") % {"count": count, "level": level_name(level).lower()}
        for level, count in report.level_counts
    )


def _highlights(report: ProgressReport, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not report.highlights:
        return [_p(gettext("No portfolio pieces to show yet."), styles["body"])]
    flowables: list[Flowable] = []
    for artifact in report.highlights:
        score = getattr(artifact, "score", None)
        line = f"{artifact.title} ({day_month_year(artifact.created_at)})"
        if score is not None:
            line += " — " + gettext("rubric: %(level)s, %(points)s/%(max_points)s") % {
                "level": level_name(score.level_enum),
                "points": score.points,
                "max_points": score.max_points,
            }
        flowables.append(Paragraph(f"<b>{escape(line)}</b>", styles["body"]))
        if artifact.reflection:
            flowables.append(
                _p(
                    gettext("Reflection: %(text)s") % {"text": artifact.reflection[:400]},
                    styles["small"],
                )
            )
    return flowables


def progress_report_pdf(report: ProgressReport) -> bytes:
    styles = _styles()
    student = report.student
    classes = ", ".join(c.name for c in report.classrooms) or gettext("no class yet")
    story: list[Flowable] = [
        _p(gettext("Progress report: %(name)s") % {"name": student.name}, styles["title"]),
        _p(f"{classes} · {long_date(report.generated_at)}", styles["body"]),
        Spacer(1, 4 * mm),
        _p(gettext("Mastery by standard"), styles["h2"]),
        _p(_summary(report), styles["body"]),
        Spacer(1, 2 * mm),
        _mastery_table(report, styles),
        _p(gettext("Goals"), styles["h2"]),
        *[_p(f"{g.title} — {g.detail}", styles["body"]) for g in report.goals],
        *([] if report.goals else [_p(gettext("No goals set yet."), styles["body"])]),
        _p(gettext("Portfolio highlights"), styles["h2"]),
        *_highlights(report, styles),
        _p(gettext("Teacher feedback"), styles["h2"]),
        *[_p(f"{f.artifact.title}: {f.text[:300]}", styles["body"]) for f in report.feedback],
        *([] if report.feedback else [_p(gettext("No shared feedback yet."), styles["body"])]),
        _p(gettext("Next steps"), styles["h2"]),
        # report.steps: told to whoever reads, in their language (family.selectors)
        *[_p(f"{o.title} — {plain_text(o.reason)}", styles["body"]) for o in report.steps],
        *(
            []
            if report.next_steps
            else [_p(gettext("Keep practicing what is on the board."), styles["body"])]
        ),
    ]
    buffer = BytesIO()
    title = gettext("Progress report: %(name)s") % {"name": student.name}
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author="LearnLoop",
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()
