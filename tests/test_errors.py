"""Errors are built from fields, and front ends and public modules use only the public API.

Read from the source (the syntax tree), so that a new ``raise`` with free text, or a new
import of a private name, fails here at once rather than when a user meets it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import fractionation as fr

PACKAGE = Path(fr.__file__).parent
ERRORS = {"FractionationError", "WrongTypeError", "SchemeNotationError", "DataFileError", "DicomFileError",
          "NotRTDoseError"}  # fmt: skip
#: Raises that pass a message on purpose: a data file's entry refused in words ("is missing", "is used
#: twice"), which still names file, entry and field in its fields.
FREE_TEXT_ALLOWED = {
    ("_data.py", "DataFileError(message, file=self.file.label, entry=self.where, field=field, **what)")
}
#: Modules of the package that are not its private core: they use what a user can use.
PUBLIC_MODULES = ["dicom.py", "cli.py", "handout.py", "charts.py", "__main__.py", *(
    str(p.relative_to(PACKAGE)) for p in sorted((PACKAGE / "app").glob("*.py")))]  # fmt: skip


def raises(path: Path) -> list[tuple[int, ast.Call]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            function = node.exc.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
            if name in ERRORS:
                found.append((node.lineno, node.exc))
    return found


def test_every_error_the_library_raises_is_built_from_fields() -> None:
    """No ``raise FractionationError("free text")``: each names at least its argument (or its file)."""
    free_text, without_argument = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, call in raises(path):
            where = f"{path.relative_to(PACKAGE)}:{line}: {ast.unparse(call)}"
            if call.args and (path.name, ast.unparse(call)) not in FREE_TEXT_ALLOWED:
                free_text.append(where)
            keywords = {k.arg for k in call.keywords}
            if not call.args and not keywords & {"argument", "field", "file"} and None not in keywords:
                without_argument.append(where)
    assert free_text == []
    assert without_argument == []


def test_the_check_finds_a_free_text_raise(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text('raise FractionationError("do not fit in a day")\nraise WrongTypeError(argument="x")\n')
    assert [ast.unparse(call) for _, call in raises(source)] == [
        "FractionationError('do not fit in a day')", "WrongTypeError(argument='x')"
    ]  # fmt: skip


@pytest.mark.parametrize("module", [*PUBLIC_MODULES, "../app.py"])
def test_public_modules_and_front_ends_import_no_private_name(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    private = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "fractionation" and any(p.startswith("_") for p in parts[1:]):
                private.append(f"from {node.module} import ...")
            if node.module == "fractionation" and any(
                a.name.startswith("_") and not a.name.startswith("__") for a in node.names
            ):
                private.append(f"from fractionation import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Import):
            private += [a.name for a in node.names if any(p.startswith("_") for p in a.name.split(".")[1:])]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "fr":
            private += [f"fr.{node.attr}"] if node.attr.startswith("_") and not node.attr.startswith("__") else []
    assert private == []


def test_dicom_errors_are_told_apart_by_type_and_fields() -> None:
    dicom = pytest.importorskip("fractionation.dicom")
    error = dicom.NotRTDoseError(file="plan.dcm", argument="Modality", value="RTPLAN", expected="RTDOSE (an RT Dose)")
    assert isinstance(error, dicom.DicomFileError)
    assert isinstance(error, fr.FractionationError)
    assert (error.file, error.argument, error.value, error.expected) == ("plan.dcm", "Modality", "RTPLAN",
                                                                         "RTDOSE (an RT Dose)")  # fmt: skip
    assert str(error) == "plan.dcm: Modality must be RTDOSE (an RT Dose), got 'RTPLAN'"
