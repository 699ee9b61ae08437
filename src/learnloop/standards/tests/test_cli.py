"""`learnloop import-case` and `learnloop export-case` through the real command line parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from learnloop.cli import main
from learnloop.standards.models import Framework, Standard
from learnloop.standards.tests.factories import DOC_ID, sample, schema, tiny_package

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, data: object, name: str = "package.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_import_prints_counts_then_unchanged(tmp_path: Path, capsys):
    path = write(tmp_path, tiny_package())
    assert main(["import-case", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Tiny framework" in out
    assert "items:        4 created, 0 updated, 0 unchanged" in out
    assert "associations: 6 created, 0 updated, 0 unchanged" in out
    assert main(["import-case", str(path)]) == 0
    out = capsys.readouterr().out
    assert "documents:    0 created, 0 updated, 1 unchanged" in out
    assert "items:        0 created, 0 updated, 4 unchanged" in out


def test_bad_input_exits_non_zero_naming_file_and_path(tmp_path: Path, capsys):
    package = tiny_package()
    package["CFItems"][2]["identifier"] = 42.5
    path = write(tmp_path, package)
    assert main(["import-case", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: $.CFItems[2].identifier" in err
    assert not Framework.objects.exists()


def test_truncated_json_exits_non_zero_with_line_and_column(tmp_path: Path, capsys):
    path = tmp_path / "cut.json"
    path.write_text('{\n  "CFDocument": {"identifier": "x",\n')
    assert main(["import-case", str(path)]) == 1
    assert "not valid JSON at line 3, column 1" in capsys.readouterr().err


@pytest.mark.shared
def test_strict_lists_violations(tmp_path: Path, capsys):
    package = tiny_package()
    package["CFItems"][0]["educationLevel"] = "06"
    package["CFItems"][1]["colour"] = "blue"
    path = write(tmp_path, package)
    assert main(["import-case", str(path), "--strict", "--schema", str(schema())]) == 1
    err = capsys.readouterr().err
    assert "2 violation(s) of the CASE 1.1 schema" in err
    assert "$.CFItems[0].educationLevel: '06' is not of type 'array'" in err
    assert "$.CFItems[1]: Additional properties are not allowed ('colour'" in err
    assert not Standard.objects.exists()


def test_strict_without_a_schema_is_a_clear_error(tmp_path: Path, capsys):
    path = write(tmp_path, tiny_package())
    missing = tmp_path / "no-schema.json"
    assert main(["import-case", str(path), "--strict", "--schema", str(missing)]) == 1
    assert f"{missing}: the CASE 1.1 JSON schema is not there" in capsys.readouterr().err


def test_export_writes_a_package_that_imports_unchanged(tmp_path: Path, capsys):
    main(["import-case", str(write(tmp_path, tiny_package()))])
    output = tmp_path / "out.json"
    assert main(["export-case", DOC_ID, "-o", str(output)]) == 0
    exported = json.loads(output.read_text())
    assert exported["CFDocument"]["identifier"] == DOC_ID and len(exported["CFItems"]) == 4
    capsys.readouterr()
    assert main(["import-case", str(output)]) == 0
    assert "items:        0 created, 0 updated, 4 unchanged" in capsys.readouterr().out


def test_export_to_stdout_and_unknown_identifier(capsys):
    assert main(["export-case", "no-such-framework"]) == 1
    assert "no framework with identifier 'no-such-framework'" in capsys.readouterr().err


@pytest.mark.shared
def test_export_of_a_sample_to_stdout(capsys):
    main(["import-case", str(sample("opensalt-smartlevel-test-case1p0-cfpackage.json"))])
    capsys.readouterr()
    assert main(["export-case", "d0000000-0000-0000-0000-000000000000"]) == 0
    assert len(json.loads(capsys.readouterr().out)["CFItems"]) == 14
