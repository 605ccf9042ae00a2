"""Properties of the teaching tools: intervals are ordered, keeping the overall time keeps the tumour's EQD2,
and a quiz answer always passes its own check. Few examples each: the suites above carry the published values."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import fractionation as fr
from tests.strategies import alpha_betas, fraction_counts

doses = st.floats(min_value=0.5, max_value=20.0, allow_nan=False)


@settings(max_examples=30)
@given(d=doses, n=fraction_counts, ab=alpha_betas, seed=st.integers(min_value=0, max_value=2**32))
def test_intervals_are_ordered_and_hold_the_point_value_at_the_median(d: float, n: int, ab: float, seed: int) -> None:
    scheme = fr.Scheme(dose_per_fraction=d, n_fractions=n)
    row = fr.uncertainty([scheme], [ab], samples=400, seed=seed).iloc[0]
    for quantity in ("bed", "eqd2"):
        assert row[f"{quantity}_low"] <= row[f"{quantity}_median"] <= row[f"{quantity}_high"]
    # A plain number's distribution has its median at the value; EQD2 is monotonic in alpha/beta, so the
    # EQD2 at the value lies within the interval.
    assert row["eqd2_low"] - 1e-9 <= row["eqd2"] <= row["eqd2_high"] + 1e-9


@settings(max_examples=25)
@given(n=st.integers(min_value=10, max_value=35), gap=st.data())
def test_keeping_the_overall_time_keeps_the_tumour_and_extending_never_loses(n: int, gap: st.DataObject) -> None:
    days = fr.treatment_days(n_fractions=n)
    missed = gap.draw(st.lists(st.sampled_from(days[1:-1]), min_size=1, max_size=3, unique=True))
    interruption = fr.missed_fractions(fr.Scheme(dose_per_fraction=2.0, n_fractions=n), missed=missed)
    assert interruption.eqd2_lost >= 0
    for option in interruption.options:
        assert option.n_fractions >= n
        if option.id in ("days-off", "twice-daily") and not option.note.startswith(tuple("0123456789")):
            assert option.overall_time_days == interruption.option("planned").overall_time_days
            assert abs(option.tumour_change) < 1e-9
    assert interruption.option("extend").tumour_change >= -1e-9


@settings(max_examples=40)
@given(seed=st.integers(min_value=0, max_value=2**40), level=st.sampled_from(["easy", "medium", "hard"]))
def test_every_answer_passes_its_own_check(seed: int, level: str) -> None:
    for question in fr.quiz(seed=seed, count=7, level=level):
        answer = question.answer if question.choices else round(float(question.answer), 1)
        assert question.check(answer).correct
