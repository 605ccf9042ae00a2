"""Hypothesis strategies for the model's inputs, kept in one place (as attrs does)."""

from __future__ import annotations

from hypothesis import strategies as st

from fractionation.bounds import MAX_DOSE_PER_FRACTION_GY, UNUSUAL_DOSE_PER_FRACTION_GY

# Doses of published schemes (up to 30 Gy per fraction, above which the dose policy cautions).
doses_per_fraction = st.floats(min_value=0.0, max_value=UNUSUAL_DOSE_PER_FRACTION_GY, allow_nan=False)
positive_doses_per_fraction = st.floats(min_value=0.01, max_value=UNUSUAL_DOSE_PER_FRACTION_GY, allow_nan=False)
# Every dose per fraction the library accepts (fractionation.bounds).
accepted_doses_per_fraction = st.floats(min_value=0.0, max_value=MAX_DOSE_PER_FRACTION_GY, allow_nan=False)
fraction_counts = st.integers(min_value=1, max_value=60)
alpha_betas = st.floats(min_value=0.1, max_value=50.0, allow_nan=False)
