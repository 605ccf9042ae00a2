"""How many generated inputs each surface was tried with in this run: the figures the README states.

Each generated-input suite calls :func:`tried` once per input it tries (hypothesis'
shrinking included). ``pytest --input-figures`` prints the counts at the end of the
run, with the hypothesis profile and the number of failed tests of those suites (an
input that escaped fails its test); ``--input-figures=figures.json`` also writes them.
"""

from __future__ import annotations

from collections import Counter

#: The surfaces, in the order the README lists them, and the suite of each.
SURFACES = {
    "library names": "tests/test_every_public_name.py",
    "CLI command lines": "tests/test_cli_generated.py",
    "DICOM files": "tests/test_dicom_corruption.py",
    "data files": "tests/test_data_generated.py",
}
TRIED: Counter[str] = Counter()


def tried(surface: str) -> None:
    """Count one input tried on ``surface`` (one of SURFACES)."""
    assert surface in SURFACES, surface
    TRIED[surface] += 1
