"""Shared test settings: a hypothesis profile, and where test artifacts go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
