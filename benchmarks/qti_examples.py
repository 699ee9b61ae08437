"""Share of public QTI example items that LearnLoop's importer takes, by QTI version.

    python benchmarks/qti_examples.py FOLDER [FOLDER ...]

Reads every *.xml under the folders (for instance a checkout of 1EdTech's qti-examples
repository; nothing is downloaded), keeps the files whose root is an assessment item,
parses each with the importer's reader (no database) and prints, per version, how many
import by default (lenient: feedback dropped) and with --strict, then why the others are
skipped by default, most common reason first. Without a folder it
looks in $LEARNLOOP_SHARED/qti-examples and says so when that is absent.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import shared_dir

ITEM_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:assessmentItem|qti-assessment-item)[\s>]")
NAMESPACE = re.compile(rb'xmlns(?::\w+)?="(http://www\.imsglobal\.org/xsd/[^"]+)"')
DETAIL = re.compile(r"^.*?: (?:item [^:]+: )?")


def main(argv: list[str]) -> int:
    folders = [Path(arg) for arg in argv] or [shared_dir() / "qti-examples"]
    missing = [folder for folder in folders if not folder.is_dir()]
    if missing:
        print(f"qti_examples: no folder {missing[0]} (give a checkout of QTI example items)")
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.test")
    import django

    django.setup()
    from learnloop.content.qti import NAMESPACES, QtiError, parse_item

    totals: Counter[str] = Counter()
    imported: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for path in sorted(p for folder in folders for p in folder.rglob("*.xml")):
        data = path.read_bytes()
        if not ITEM_ROOT.search(data[:4000]):
            continue
        found = NAMESPACE.search(data[:4000])
        version = NAMESPACES.get(found.group(1).decode(), "other") if found else "none"
        totals[version] += 1
        try:
            parse_item(data, path.name, lenient=True)
        except QtiError as error:
            reasons[_reason(error.message)] += 1
        else:
            imported[version] += 1
        try:
            parse_item(data, path.name)
        except QtiError:
            pass
        else:
            strict[version] += 1
    _print_table(totals, imported, strict, reasons)
    return 0


def _reason(message: str) -> str:
    """The kind of problem, without the item's identifier or its specific values."""
    reason = DETAIL.sub("", message)
    reason = re.sub(r"'[^']*'|\"[^\"]*\"", "…", reason)
    return re.sub(r"template \S+", "template …", reason)


def _print_table(
    totals: Counter[str], imported: Counter[str], strict: Counter[str], reasons: Counter[str]
) -> None:
    print(
        f"{'QTI version':<12} {'items':>6} {'imported':>9} {'share':>6} {'strict':>7} {'share':>6}"
    )
    for version in [*sorted(totals), "all"]:
        total = sum(totals.values()) if version == "all" else totals[version]
        ok = sum(imported.values()) if version == "all" else imported[version]
        exact = sum(strict.values()) if version == "all" else strict[version]
        if total:
            shares = f"{ok:>9} {ok / total:>6.0%} {exact:>7} {exact / total:>6.0%}"
            print(f"{version:<12} {total:>6} {shares}")
    print("\nwhy the others are skipped by default (count, reason):")
    for reason, count in reasons.most_common():
        print(f"{count:>6}  {reason}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
