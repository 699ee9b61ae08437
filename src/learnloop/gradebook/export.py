"""The class gradebook as CSV: one row per student, one column per standard code.

A cell holds the level number (0-4); a level set by a teacher override ends in "*".
The last column, `overrides`, lists the overridden codes separated by spaces, so a
spreadsheet can filter on it. Every cell, header and codes included, goes through
`learnloop.web.spreadsheets`, so none runs as a formula.
"""

from __future__ import annotations

import io

from learnloop.gradebook.selectors import ClassGradebook
from learnloop.web.spreadsheets import SafeWriter

OVERRIDE_MARK = "*"


def gradebook_csv(gradebook: ClassGradebook) -> str:
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\r\n")
    codes = [standard.code or standard.label for standard in gradebook.standards]
    writer.writerow(["username", "student", *codes, "overrides"])
    for row in gradebook.rows:
        cells = []
        overridden = []
        for standard, grade in row.grades:
            mark = OVERRIDE_MARK if grade.overridden else ""
            cells.append(f"{int(grade.level)}{mark}")
            if grade.overridden:
                overridden.append(standard.code or standard.label)
        writer.writerow([row.student.username, row.student.name, *cells, " ".join(overridden)])
    return out.getvalue()
