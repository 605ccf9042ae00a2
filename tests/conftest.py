"""Shared test settings: a hypothesis profile, and where test artifacts go."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.figures import SURFACES, TRIED

# No deadline: the shared 2-core machines are noisy, and timing is the benchmarks' job.
settings.register_profile("default", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
# A longer run by hand: pytest --hypothesis-profile=large (the DICOM corruption suite, the generated-input suites).
settings.register_profile("large", parent=settings.get_profile("default"), max_examples=5000)
settings.load_profile("ci" if os.environ.get("CI") else "default")

REPO = Path(__file__).resolve().parent.parent
# The project's source documents sit beside the checkout; elsewhere, FRACTIONATION_SEEDS names their folder.
SEEDS = Path(os.environ.get("FRACTIONATION_SEEDS", REPO.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where a test run keeps screenshots and other artifacts (ignored by git)."""
    path = Path(os.environ.get("FRACTIONATION_ARTIFACTS", REPO / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--input-figures", nargs="?", const="", default=None, metavar="JSON",
        help="print how many generated inputs each surface was tried with (and write them to JSON if given)",
    )  # fmt: skip


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """The README's figures: inputs tried per surface in this run, and how many of those suites' tests failed."""
    target = config.getoption("--input-figures")
    if target is None:
        return
    failed = [r.nodeid for r in terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])]
    figures: dict[str, Any] = {
        "profile": config.getoption("hypothesis_profile", None) or ("ci" if os.environ.get("CI") else "default"),
        "max_examples": settings().max_examples,
        "tried": {surface: TRIED[surface] for surface in SURFACES},
        "failed_tests": {surface: sum(n.startswith(path) for n in failed) for surface, path in SURFACES.items()},
    }
    terminalreporter.section("generated inputs tried")
    for surface in SURFACES:
        terminalreporter.write_line(
            f"{surface:<18} {figures['tried'][surface]:>9,} inputs, {figures['failed_tests'][surface]} tests failed"
        )
    terminalreporter.write_line(
        f"hypothesis profile {figures['profile']!r} ({figures['max_examples']:,} examples a test)"
    )
    if target:
        Path(target).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
