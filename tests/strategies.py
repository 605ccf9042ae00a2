"""Hypothesis strategies for the model's inputs, kept in one place (as attrs does)."""

from __future__ import annotations

from hypothesis import strategies as st

from fractionation._checks import MAX_DOSE_PER_FRACTION_GY

doses_per_fraction = st.floats(min_value=0.0, max_value=MAX_DOSE_PER_FRACTION_GY, allow_nan=False)
positive_doses_per_fraction = st.floats(min_value=0.01, max_value=MAX_DOSE_PER_FRACTION_GY, allow_nan=False)
fraction_counts = st.integers(min_value=1, max_value=60)
alpha_betas = st.floats(min_value=0.1, max_value=50.0, allow_nan=False)
