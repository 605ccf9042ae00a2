"""The one block-wise kernel: every path (NumPy, compiled), every alpha/beta form, the same numbers and checks.

Each test runs twice: with the compiled kernel (when numba is installed) and with
FRACTIONATION_COMPILED=0, the NumPy blocks. Arrays are large enough to take the
compiled kernel and to be split across threads.
"""

from __future__ import annotations

import importlib.util
import time

import numpy as np
import pytest

import fractionation as fr

N_VOXELS = 1_200_007  # above the compiled and threaded thresholds, not a multiple of a block
EPS32 = float(np.finfo(np.float32).eps)


@pytest.fixture(params=["compiled", "numpy"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "compiled" and importlib.util.find_spec("numba") is None:
        pytest.skip("numba is not installed (the 'fast' extra)")
    monkeypatch.setenv("FRACTIONATION_COMPILED", "1" if request.param == "compiled" else "0")
    return request.param


def _grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Doses (float32, with NaN), a label per voxel, and its alpha/beta table."""
    rng = np.random.default_rng(7)
    doses = rng.uniform(0, 80, N_VOXELS).astype(np.float32)
    doses[::1001] = np.nan  # outside the body
    doses[5] = 0.0
    labels = rng.integers(0, 3, N_VOXELS).astype(np.uint8)
    return doses, labels, np.array([10.0, 3.0, 2.0])


def _reference(doses: np.ndarray, n: int, ratio: np.ndarray | float, x: float = 2.0) -> np.ndarray:
    d = doses.astype(np.float64)
    return d * (d / n + ratio) / (x + ratio)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize("form", ["one", "float32 map", "float64 map", "compact"])
def test_every_alpha_beta_form_equals_the_float64_reference_within_float32_rounding(form: str) -> None:
    doses, labels, table = _grid()
    full = table[labels]
    alpha_beta = {
        "one": 3.0,
        "float32 map": full.astype(np.float32),
        "float64 map": full,
        "compact": fr.AlphaBetaMap(labels=labels, alpha_beta=table),
    }[form]
    expected = _reference(doses, 5, 3.0 if form == "one" else full)
    out = np.empty_like(doses)
    result = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=alpha_beta, out=out)
    assert result is out
    assert result.dtype == np.float32
    assert np.array_equal(np.isnan(result), np.isnan(doses))  # NaN passes, and only NaN is NaN
    # float64 arithmetic rounded once is within half a float32 ulp; float32 arithmetic
    # (the NumPy path with one alpha/beta) within a few.
    np.testing.assert_allclose(result, expected, rtol=4 * EPS32, atol=0)


@pytest.mark.usefixtures("path")
def test_compact_and_full_maps_give_the_same_bits_and_float64_grids_stay_float64() -> None:
    doses, labels, table = _grid()
    compact = fr.alpha_beta_map(doses.shape, [(labels == 1, 3.0), (labels == 2, 2.0)], default=10.0, compact=True)
    full = np.asarray(compact)
    np.testing.assert_array_equal(full, table[labels])
    for grid in (doses, doses.astype(np.float64)):
        by_map = fr.bed_from_total_dose(grid, n_fractions=3, alpha_beta=full)
        by_labels = fr.bed_from_total_dose(grid, n_fractions=3, alpha_beta=compact)
        assert by_map.dtype == grid.dtype
        np.testing.assert_array_equal(by_map, by_labels)
    float64 = fr.bed_from_total_dose(doses.astype(np.float64), n_fractions=3, alpha_beta=full)
    np.testing.assert_allclose(float64, _reference(doses, 3, full, x=0.0), rtol=1e-15)


def test_compiled_and_numpy_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """float64 grids: the same bits. float32 grids: NumPy computes in float32 (a few roundings), the
    compiled kernel in float64 rounded once; both within float32 rounding of the float64 reference."""
    pytest.importorskip("numba")
    doses, labels, table = _grid()
    grids = doses.astype(np.float64)
    full = table[labels]
    compact = fr.AlphaBetaMap(labels=labels, alpha_beta=table)
    results = {}
    for setting in ("1", "0"):
        monkeypatch.setenv("FRACTIONATION_COMPILED", setting)
        results[setting] = (
            fr.eqd2_from_total_dose(grids, n_fractions=4, alpha_beta=3.0),
            fr.eqd2_from_total_dose(grids, n_fractions=4, alpha_beta=full),
            fr.eqd2_from_total_dose(grids, n_fractions=4, alpha_beta=compact),
            fr.eqd2(dose_per_fraction=np.nan_to_num(grids) / 4, n_fractions=4, alpha_beta=3.0),
            fr.eqd2_from_total_dose(doses, n_fractions=4, alpha_beta=full),
            fr.eqd2_from_total_dose(doses, n_fractions=4, alpha_beta=full.astype(np.float32)),
            fr.eqd2_from_total_dose(doses, n_fractions=4, alpha_beta=compact),
        )
    for compiled, numpy in zip(results["1"], results["0"], strict=True):
        if compiled.dtype == np.float64:
            np.testing.assert_array_equal(compiled, numpy)  # float64 arithmetic in the same order: same bits
        else:
            assert np.array_equal(np.isnan(compiled), np.isnan(numpy))
            np.testing.assert_allclose(numpy, compiled, rtol=4 * EPS32, atol=0)
    assert not np.array_equal(results["1"][4], results["0"][4])  # float32 arithmetic really is taken


def test_the_compiled_float32_result_is_the_float64_result_rounded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Doses log-uniform over the whole range (subnormal to the bound) and alpha/beta over theirs, with the extremes."""
    pytest.importorskip("numba")
    monkeypatch.setenv("FRACTIONATION_COMPILED", "1")
    rng = np.random.default_rng(11)
    n, x = 7, 2.0
    doses = np.exp(rng.uniform(np.log(1e-44), np.log(100.0 * n), N_VOXELS)).astype(np.float32)
    ratios = np.exp(rng.uniform(np.log(0.01), np.log(1000.0), N_VOXELS)).astype(np.float32)
    doses[:4], ratios[:4] = [0.0, 1e-45, np.nextafter(np.float32(700), 0), 700.0], [0.01, 1000.0, 0.01, 1000.0]
    doses[4] = np.nan
    table = np.array([0.01, 1000.0, 8.605, 2.0])
    labels = rng.integers(0, 4, N_VOXELS).astype(np.uint8)
    d, a = doses.astype(np.float64), ratios.astype(np.float64)
    p, q = (1 / n) / (x + 3.0), 3.0 / (x + 3.0)
    expected = {  # the kernels' float64 operations, in their order
        "one": d * (d * p + q),
        "float32 map": (d * (1 / n) + a) / (x + a) * d,
        "compact": (d * (1 / n) + table[labels]) / (x + table[labels]) * d,
    }
    alpha_beta = {"one": 3.0, "float32 map": ratios, "compact": fr.AlphaBetaMap(labels=labels, alpha_beta=table)}
    for form, float64 in expected.items():
        result = fr.eqd2_from_total_dose(doses, n_fractions=n, alpha_beta=alpha_beta[form])
        np.testing.assert_array_equal(result, float64.astype(np.float32), err_msg=form)


@pytest.mark.usefixtures("path")
def test_lq_arrays_equal_the_scalar_formula_bit_for_bit() -> None:
    d = np.random.default_rng(3).uniform(0, 30, N_VOXELS)
    result = fr.eqd2(dose_per_fraction=d, n_fractions=3, alpha_beta=2.5)
    assert np.array_equal(result, (d + 2.5) / (2 + 2.5) * d * 3)
    assert result[17] == fr.eqd2(dose_per_fraction=float(d[17]), n_fractions=3, alpha_beta=2.5)
    with pytest.raises(fr.FractionationError, match=r"got nan at index 1200007$"):
        fr.eqd2(dose_per_fraction=np.append(d, np.nan), n_fractions=3, alpha_beta=2.5)


@pytest.mark.usefixtures("path")
def test_lq_arrays_caution_for_their_largest_dose_and_convert_every_block() -> None:
    """Doses above the caution threshold stop the compiled kernel, which resumes after their block."""
    d = np.random.default_rng(3).uniform(0, 5, N_VOXELS)
    d[100], d[1_000_000] = 31.0, 45.0  # in two parts' first and later blocks
    with pytest.warns(fr.FractionationCaution, match=r"^45 Gy per fraction is unusual"):
        result = fr.eqd2(dose_per_fraction=d, n_fractions=3, alpha_beta=2.5)
    assert np.array_equal(result, (d + 2.5) / (2 + 2.5) * d * 3)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize("form", ["one", "float32 map", "compact"])
def test_in_place(form: str) -> None:
    doses, labels, table = _grid()
    alpha_beta = {"one": 2.0, "float32 map": table[labels].astype(np.float32),
                  "compact": fr.AlphaBetaMap(labels=labels, alpha_beta=table)}[form]  # fmt: skip
    expected = fr.eqd2_from_total_dose(doses, n_fractions=6, alpha_beta=alpha_beta)
    fr.eqd2_from_total_dose(doses, n_fractions=6, alpha_beta=alpha_beta, out=doses)
    np.testing.assert_array_equal(doses, expected)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize(
    ("change", "argument", "value", "index"),
    [
        (lambda d, r: d.__setitem__(900_001, -2.0), "total_dose", -2.0, 900_001),
        (lambda d, r: d.__setitem__(1_000_000, 3000.0), "total_dose", 3000.0, 1_000_000),  # 600 Gy per fraction
        (lambda d, r: d.__setitem__(7, np.inf), "total_dose", np.inf, 7),
        (lambda d, r: r.__setitem__(1_100_000, 0.0), "alpha_beta", 0.0, 1_100_000),
        (lambda d, r: r.__setitem__(3, np.nan), "alpha_beta", np.nan, 3),
        (lambda d, r: r.__setitem__(4, -np.inf), "alpha_beta", -np.inf, 4),
        (lambda d, r: r.__setitem__(5, 1e4), "alpha_beta", 1e4, 5),  # above the bound of fractionation.bounds
    ],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_every_check_stays_on_every_path(change, argument: str, value: float, index: int, dtype: type) -> None:  # type: ignore[no-untyped-def]
    doses, labels, table = _grid()
    doses, ratios = doses.astype(dtype), table[labels].astype(dtype)
    change(doses, ratios)
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=ratios)
    error = raised.value
    assert (error.argument, error.index) == (argument, index)
    np.testing.assert_equal(error.value, value)
    if value == 3000.0:
        assert "600 Gy per fraction: is the grid in cGy?" in str(error)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_alpha_beta_bounds_are_exact_on_every_path(dtype: type) -> None:
    """The fast check on the map's bits lets the bounds through (as the map's dtype holds them) and nothing beyond."""
    doses, labels, table = _grid()
    ratios = table[labels].astype(dtype)
    low, high = np.array(fr.bounds.ALPHA_BETA.low, dtype), np.array(fr.bounds.ALPHA_BETA.high, dtype)
    ratios[10], ratios[1_000_000] = low, high
    result = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=ratios)
    np.testing.assert_allclose(result, _reference(doses, 5, ratios.astype(np.float64)), rtol=4 * EPS32)
    below, above = np.nextafter(low, dtype(0)), np.nextafter(high, dtype(np.inf))
    for index, outside in ((11, below), (999_999, above), (12, dtype(-0.0)), (13, dtype(-3.0))):
        bad = ratios.copy()
        bad[index] = outside
        with pytest.raises(fr.FractionationError) as raised:
            fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=bad)
        assert (raised.value.argument, raised.value.index) == ("alpha_beta", index)


@pytest.mark.usefixtures("path")
def test_into_the_alpha_beta_map_itself() -> None:
    doses, labels, table = _grid()
    ratios = table[labels].astype(np.float32)
    expected = fr.eqd2_from_total_dose(doses, n_fractions=6, alpha_beta=ratios)
    assert fr.eqd2_from_total_dose(doses, n_fractions=6, alpha_beta=ratios, out=ratios) is ratios
    np.testing.assert_array_equal(ratios, expected)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize(
    ("form", "into"), [("one", "doses"), ("float32 map", "doses"), ("float32 map", "alpha/beta"), ("compact", "doses")]
)
def test_in_place_a_refused_element_is_named_as_it_was(form: str, into: str) -> None:
    """Converting in place, a bad element is refused with its own value, never converted into a valid one.

    A dose of -100 Gy in 5 fractions converts to +340 Gy, inside the bound: a kernel that
    wrote first and checked afterwards would pass it silently.
    """
    doses, labels, table = _grid()
    ratios = table[labels].astype(np.float32)
    alpha_beta = {"one": 3.0, "float32 map": ratios, "compact": fr.AlphaBetaMap(labels=labels, alpha_beta=table)}[form]
    if into == "doses":
        doses[1_100_001] = -100.0
        expected = ("total_dose", -100.0, 1_100_001)
    else:
        ratios[1_000_003] = -1.0
        expected = ("alpha_beta", -1.0, 1_000_003)
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=alpha_beta, out=doses if into == "doses" else ratios)
    assert (raised.value.argument, raised.value.value, raised.value.index) == expected


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize("overlap", ["reversed doses", "shifted doses", "reversed alpha/beta", "labels in out"])
def test_out_overlapping_an_input_otherwise_than_element_for_element(overlap: str) -> None:
    """An input that shares memory with out other than element for element is read before out is written: the
    numbers of the same call on copies."""
    doses, labels, table = _grid()
    doses = np.nan_to_num(doses).astype(np.float64)
    ratios = table[labels]
    if overlap == "reversed doses":
        expected = fr.eqd2_from_total_dose(doses[::-1].copy(), n_fractions=5, alpha_beta=ratios)
        result = fr.eqd2_from_total_dose(doses[::-1], n_fractions=5, alpha_beta=ratios, out=doses)
    elif overlap == "shifted doses":
        expected = fr.eqd2_from_total_dose(doses[:-1].copy(), n_fractions=5, alpha_beta=3.0)
        result = fr.eqd2_from_total_dose(doses[:-1], n_fractions=5, alpha_beta=3.0, out=doses[1:])
    elif overlap == "reversed alpha/beta":
        expected = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=ratios[::-1].copy())
        result = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=ratios[::-1], out=ratios)
    else:
        out = np.empty_like(doses)
        in_out = out.view(np.uint8)[::8]  # a byte of each output element
        in_out[:] = labels
        compact = fr.AlphaBetaMap(labels=in_out, alpha_beta=table)
        expected = fr.eqd2_from_total_dose(
            doses, n_fractions=5, alpha_beta=fr.AlphaBetaMap(labels=labels, alpha_beta=table)
        )
        result = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=compact, out=out)
    np.testing.assert_array_equal(result, expected)


@pytest.mark.usefixtures("path")
def test_a_table_that_is_a_view_or_longer_than_the_labels_reach() -> None:
    """A column of a larger array, a reversed one, or 300 entries for uint8 labels: looked up as its values."""
    doses, labels, table = _grid()
    expected = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=table[labels])
    column = np.array([[0.0, 10.0], [1.0, 3.0], [2.0, 2.0]])[:, 1]
    for view in (column, table[::-1][::-1], np.concatenate([table, np.full(297, 5.0)])):
        compact = fr.AlphaBetaMap(labels=labels, alpha_beta=view)
        assert compact.alpha_beta.flags.c_contiguous
        grid = fr.eqd2_from_total_dose(doses[:600_000].reshape(600, 1000)[:, :900], n_fractions=5,
                                       alpha_beta=fr.AlphaBetaMap(labels=labels[:600_000].reshape(600, 1000)[:, :900],
                                                                  alpha_beta=view))  # fmt: skip
        np.testing.assert_array_equal(grid, expected[:600_000].reshape(600, 1000)[:, :900])
        np.testing.assert_array_equal(fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=compact), expected)
    labels[5] = 3
    with pytest.raises(fr.FractionationError, match=r"got 3 at index 5$"):
        fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=fr.AlphaBetaMap(labels=labels, alpha_beta=column))


def test_a_read_only_out_is_refused_by_name() -> None:
    da = pytest.importorskip("dask.array")
    out = np.zeros((300, 300), np.float32)
    out.flags.writeable = False
    doses = np.full(out.shape, 10.0, np.float32)
    for grid in (doses, da.from_array(doses, chunks=100)):
        with pytest.raises(fr.FractionationError, match=r"^out must be a writeable array, .* \(it is read-only\)$"):
            fr.eqd2_from_total_dose(grid, n_fractions=5, alpha_beta=3.0, out=out)


def test_a_voxel_follows_the_dose_policy() -> None:
    """Refused only above 100 Gy per fraction (fractionation.bounds), the bound for every path; no caution."""
    assert fr.eqd2_from_total_dose(np.array([500.0]), n_fractions=5, alpha_beta=3)[0] > 0
    with pytest.raises(fr.FractionationError, match=r"from 0 to 500 \(100 Gy per fraction in 5 fractions\)"):
        fr.eqd2_from_total_dose(np.array([500.5]), n_fractions=5, alpha_beta=3)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_compact_labels_at_an_odd_offset_odd_count_and_uint16(dtype: type) -> None:
    """NumPy looks uint8 labels up two at a time in large grids: a lone last label, labels not 2-byte aligned,
    uint16 labels, a small grid."""
    doses, labels, table = _grid()
    doses = doses.astype(dtype)
    shifted = np.concatenate([[0], labels]).astype(np.uint8)[1:]  # its data one byte past an allocation
    wide = labels.astype(np.uint16)
    expected = _reference(doses, 5, table[labels])
    for labels_form in (labels, shifted, wide, labels[:-2], labels[:1001]):  # the last: small, one at a time
        grid = doses[: labels_form.size]
        result = fr.eqd2_from_total_dose(
            grid, n_fractions=5, alpha_beta=fr.AlphaBetaMap(labels=labels_form, alpha_beta=table)
        )
        assert np.array_equal(np.isnan(result), np.isnan(grid))
        np.testing.assert_allclose(result, expected[: labels_form.size], rtol=4 * EPS32, atol=0)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize("form", ["one", "float32 map", "compact"])
def test_dask_chunks_into_strided_regions_of_a_large_target(form: str) -> None:
    """Chunks whose regions of ``out`` are strided (cubes of a grid): written where they lie, and an error names
    the voxel in the whole grid."""
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(9)
    doses = rng.uniform(0, 60, (64, 96, 160)).astype(np.float32)
    labels = rng.integers(0, 3, doses.shape).astype(np.uint8)
    table = np.array([10.0, 3.0, 2.0])
    chunks = (64, 48, 80)  # 245,760 voxels a chunk, each region of the target strided
    alpha_beta = {
        "one": 3.0,
        "float32 map": da.from_array(table[labels].astype(np.float32), chunks=chunks),
        "compact": fr.AlphaBetaMap(labels=da.from_array(labels, chunks=chunks), alpha_beta=table),
    }[form]
    expected = fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=table[labels] if form != "one" else 3.0)
    out = np.full(doses.shape, -1.0, np.float32)
    fr.eqd2_from_total_dose(da.from_array(doses, chunks=chunks), n_fractions=30, alpha_beta=alpha_beta, out=out)
    np.testing.assert_allclose(out, expected, rtol=4 * EPS32, atol=0)
    doses[33, 60, 100] = 1e6
    with pytest.raises(fr.FractionationError, match=r"got 1000000.0 at index \(33, 60, 100\) "):
        fr.eqd2_from_total_dose(da.from_array(doses, chunks=chunks), n_fractions=30, alpha_beta=alpha_beta, out=out)


@pytest.mark.usefixtures("path")
@pytest.mark.parametrize("n_labels", [3, 32, 33, 256])
def test_uint8_labels_by_pairs_and_one_at_a_time(n_labels: int) -> None:
    """The compiled kernel looks uint8 labels up two at a time up to 32 labels, one at a time above:
    the same numbers either way, and a bad label refused wherever it falls, the odd last one too."""
    rng = np.random.default_rng(n_labels)
    size = 1_100_001  # odd: the last chunk ends in a lone label
    doses = rng.uniform(0, 80, size).astype(np.float32)
    labels = rng.integers(0, n_labels, size).astype(np.uint8)
    table = rng.uniform(0.5, 20.0, n_labels)
    expected = _reference(doses, 5, table[labels])
    result = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=fr.AlphaBetaMap(labels=labels, alpha_beta=table))
    np.testing.assert_allclose(result, expected, rtol=4 * EPS32, atol=0)
    if n_labels == 256:
        return  # every uint8 is a label
    for where in (size - 1, 700_000, 0):
        bad = labels.copy()
        bad[where] = n_labels
        with pytest.raises(fr.FractionationError, match=rf"got {n_labels} at index {where}$"):
            fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=fr.AlphaBetaMap(labels=bad, alpha_beta=table))


@pytest.mark.usefixtures("path")
def test_labels_must_index_the_table() -> None:
    doses, labels, table = _grid()
    labels[1_000_003] = 3
    with pytest.raises(fr.FractionationError, match=r"^labels must be a label from 0 to 2 .* got 3 at index 1000003$"):
        fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=fr.AlphaBetaMap(labels=labels, alpha_beta=table))


@pytest.mark.parametrize(
    ("labels", "alpha_beta", "error", "message"),
    [
        (np.zeros(3, np.uint8), [10.0, 0.0], fr.FractionationError, "alpha_beta must be a number of Gy from 0.01"),
        (np.zeros(3, np.uint8), 10.0, fr.FractionationError, "alpha_beta must be a one-dimensional array"),
        (np.zeros(3, np.uint32), [10.0], fr.WrongTypeError, "labels must be an array of uint8 or uint16"),
        (np.zeros(3, np.int8), [10.0], fr.WrongTypeError, "labels must be an array of uint8 or uint16"),
        ([0, 0, 0], [10.0], fr.WrongTypeError, "labels must be an array of uint8 or uint16"),
    ],
)
def test_alpha_beta_map_checks_its_fields(labels: object, alpha_beta: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        fr.AlphaBetaMap(labels=labels, alpha_beta=alpha_beta)  # type: ignore[arg-type]


def test_compact_map_follows_the_overlap_rule() -> None:
    cord = np.array([True, True, False, False])
    tumour = np.array([False, True, True, False])
    for overlap in ("lowest", "last"):
        compact = fr.alpha_beta_map((4,), [(cord, 2.0), (tumour, 10.0)], default=3.0, overlap=overlap, compact=True)
        full = fr.alpha_beta_map((4,), [(cord, 2.0), (tumour, 10.0)], default=3.0, overlap=overlap)
        np.testing.assert_array_equal(np.asarray(compact), full)
    assert fr.alpha_beta_map((4,), [(cord, 2.0), (tumour, 10.0)], default=3.0).tolist() == [2, 2, 10, 3]
    last = fr.alpha_beta_map((4,), [(cord, 2.0), (tumour, 10.0)], default=3.0, overlap="last")
    assert last.tolist() == [2, 10, 10, 3]
    many = fr.alpha_beta_map((300,), [(np.arange(300) == i, 1.0 + i) for i in range(300)], default=3.0, compact=True)
    assert many.labels.dtype == np.uint16
    assert np.asarray(many)[299] == 300.0


def test_dask_takes_a_compact_map() -> None:
    da = pytest.importorskip("dask.array")
    doses, labels, table = _grid()
    lazy_labels = fr.AlphaBetaMap(labels=da.from_array(labels, chunks=300_000), alpha_beta=table)  # type: ignore[arg-type]
    lazy = fr.eqd2_from_total_dose(da.from_array(doses, chunks=300_000), n_fractions=5, alpha_beta=lazy_labels)
    eager = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=fr.AlphaBetaMap(labels=labels, alpha_beta=table))
    np.testing.assert_array_equal(lazy.compute(), eager)


class _SliceTarget:
    """Takes slice assignment and nothing else, as a zarr array does."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.data = np.zeros(shape, np.float32)
        self.shape, self.dtype = shape, self.data.dtype

    def __setitem__(self, region: tuple[slice, ...], value: np.ndarray) -> None:
        self.data[region] = value


@pytest.mark.parametrize("chunks", [(10, 30, 20), (40, 30, 7)])  # regions of out contiguous, and strided
def test_dask_into_a_preallocated_target(chunks: tuple[int, ...]) -> None:
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(5)
    doses = rng.uniform(0, 60, (40, 30, 20)).astype(np.float32)
    ratios = rng.choice(np.array([2.0, 3.0, 10.0]), doses.shape)
    lazy = da.from_array(doses, chunks=chunks)
    for alpha_beta in (3.0, ratios, da.from_array(ratios, chunks=chunks)):
        expected = fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=alpha_beta)
        out = np.full(doses.shape, -1.0, np.float32)
        assert fr.eqd2_from_total_dose(lazy, n_fractions=30, alpha_beta=alpha_beta, out=out) is out
        np.testing.assert_array_equal(out, expected)
        np.testing.assert_array_equal(fr.eqd2_from_total_dose(lazy, n_fractions=30, alpha_beta=alpha_beta), expected)
        target = _SliceTarget(doses.shape)
        fr.eqd2_from_total_dose(lazy, n_fractions=30, alpha_beta=alpha_beta, out=target)
        np.testing.assert_array_equal(target.data, expected)
    with pytest.raises(fr.FractionationError, match="out must be an array of dtype float32"):
        fr.eqd2_from_total_dose(lazy, n_fractions=30, alpha_beta=3.0, out=np.empty(doses.shape))
    bad = doses.copy()
    bad[39, 29, 19] = -1
    message = r"^total_dose must be .*, got -1.0 at index \(39, 29, 19\)$"  # the index in the whole grid
    for into in (out, None):
        with pytest.raises(fr.FractionationError, match=message):
            fr.eqd2_from_total_dose(
                da.from_array(bad, chunks=chunks), n_fractions=30, alpha_beta=3.0, out=into
            ).compute()


class _ChunkedTarget(_SliceTarget):
    """Stores whole chunks of ``chunks`` elements along the first axis, as zarr does: a write (of a 3-D region)
    reads each chunk it touches, changes its part and stores the chunk back, slowly enough that two unlocked
    writes meet."""

    def __init__(self, shape: tuple[int, ...], chunks: tuple[int, ...]) -> None:
        super().__init__(shape)
        self.chunks = chunks

    def __setitem__(self, region: tuple[slice, ...], value: np.ndarray) -> None:
        step = self.chunks[0]
        for first in range(region[0].start // step * step, region[0].stop, step):
            stored = self.data[first : first + step].copy()
            time.sleep(0.002)
            lo, hi = max(first, region[0].start), min(first + step, region[0].stop)
            stored[lo - first : hi - first][:, region[1], region[2]] = value[
                lo - region[0].start : hi - region[0].start
            ]
            self.data[first : first + step] = stored


def test_dask_chunks_that_share_a_stored_chunk_of_out_write_in_turn() -> None:
    """Dask chunks of 4 planes into stored chunks of 10: unlocked, the writes into a shared stored chunk would lose
    parts (3 in 10 voxels of a real zarr array were left unwritten)."""
    dask = pytest.importorskip("dask")
    da = pytest.importorskip("dask.array")
    doses = np.random.default_rng(6).uniform(0, 60, (40, 8, 8)).astype(np.float32)
    expected = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=3.0)
    for stored, dask_chunks in (((10, 8, 8), (4, 8, 8)), ((10, 8, 8), (10, 8, 8)), ((20, 8, 8), (10, 8, 8))):
        target = _ChunkedTarget(doses.shape, stored)
        with dask.config.set(scheduler="threads", num_workers=4):
            fr.eqd2_from_total_dose(da.from_array(doses, chunks=dask_chunks), n_fractions=5, alpha_beta=3.0, out=target)
        np.testing.assert_array_equal(target.data, expected)


def test_a_lock_only_where_dask_chunks_meet_in_a_stored_chunk() -> None:
    pytest.importorskip("dask")
    from fractionation._grids import _write_lock

    chunks = ((4, 4, 2), (8,))
    assert _write_lock(np.empty((10, 8)), chunks) is None  # numpy takes writes to different elements at once
    assert _write_lock(_ChunkedTarget((10, 8), (4, 8)), chunks) is None  # boundaries 4 and 8 fall on stored ones
    assert _write_lock(_ChunkedTarget((10, 8), (2, 4)), chunks) is None
    assert _write_lock(_ChunkedTarget((10, 8), (8, 8)), chunks) is not None  # Dask's 4 falls inside stored 0-8
    assert _write_lock(_ChunkedTarget((10, 8), (4, 2)), ((4, 4, 2), (3, 5))) is not None  # 3 inside 2-4
    assert _write_lock(_SliceTarget((10, 8)), chunks) is not None  # stored chunks unknown

    class Unequal(_SliceTarget):
        @property
        def chunks(self) -> tuple[int, ...]:
            raise NotImplementedError("a grid of unequal chunks")  # as zarr's chunks do for one

    sharded = _ChunkedTarget((10, 8), (4, 8))
    sharded.shards = np.array([4, 8])  # type: ignore[attr-defined]
    for target in (Unequal((10, 8)), sharded):
        assert _write_lock(target, chunks) is not None


def test_dask_into_zarr_arrays() -> None:
    """Real zarr arrays, their chunks aligned with Dask's or not, sharded or not: each voxel written once, right."""
    da = pytest.importorskip("dask.array")
    zarr = pytest.importorskip("zarr")
    rng = np.random.default_rng(7)
    doses = rng.uniform(0, 60, (60, 16, 16)).astype(np.float32)
    ratios = da.from_array(rng.choice(np.array([2.0, 3.0, 10.0], np.float32), doses.shape), chunks=(6, 16, 16))
    expected = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=ratios.compute())
    layouts: list[dict[str, tuple[int, ...]]] = [
        {"chunks": (6, 16, 16)}, {"chunks": (10, 16, 16)}, {"chunks": (2, 8, 8), "shards": (10, 16, 16)},
    ]  # fmt: skip
    for layout in layouts:
        target = zarr.create_array(store={}, shape=doses.shape, dtype="float32", fill_value=-1.0, **layout)
        lazy = da.from_array(doses, chunks=(6, 16, 16))
        assert fr.eqd2_from_total_dose(lazy, n_fractions=5, alpha_beta=ratios, out=target) is target
        np.testing.assert_array_equal(target[:], expected)


class _SlowTarget(_SliceTarget):
    """Takes 20 ms a write, and counts them."""

    writes = 0

    def __setitem__(self, region: tuple[slice, ...], value: np.ndarray) -> None:
        time.sleep(0.02)
        super().__setitem__(region, value)
        self.writes += 1


def test_no_dask_chunk_writes_into_out_after_the_call_has_raised() -> None:
    """Dask's threaded scheduler raises at the first failed chunk while others go on running: the call raises
    only once they have finished, so that a caller may mark out as invalid."""
    dask = pytest.importorskip("dask")
    da = pytest.importorskip("dask.array")
    doses = np.ones((64, 4, 4), np.float32)
    doses[20, 0, 0] = -1.0
    target = _SlowTarget(doses.shape)
    with (
        dask.config.set(scheduler="threads", num_workers=4),
        pytest.raises(fr.FractionationError, match=r"\(20, 0, 0\)"),
    ):
        fr.eqd2_from_total_dose(da.from_array(doses, chunks=(2, 4, 4)), n_fractions=5, alpha_beta=3.0, out=target)
    written = target.writes
    time.sleep(0.2)
    assert target.writes == written


def test_dask_alpha_beta_chunked_unlike_the_doses() -> None:
    """Dask pairs chunks by position: an alpha/beta (or labels) chunked otherwise is rechunked like the doses."""
    da = pytest.importorskip("dask.array")
    rng = np.random.default_rng(8)
    doses = rng.uniform(0, 60, (30, 8, 8)).astype(np.float32)
    ratios = rng.choice(np.array([2.0, 3.0, 10.0], np.float32), doses.shape)
    labels = rng.integers(0, 3, doses.shape).astype(np.uint8)
    table = np.array([2.0, 3.0, 10.0])
    lazy = da.from_array(doses, chunks=(10, 8, 8))
    for chunks in ((6, 8, 8), (5, 15, 10), (30, 3, 8)):
        for alpha_beta, eager in (
            (da.from_array(ratios, chunks=chunks), ratios),
            (fr.AlphaBetaMap(labels=da.from_array(labels, chunks=chunks), alpha_beta=table),  # type: ignore[arg-type]
             fr.AlphaBetaMap(labels=labels, alpha_beta=table)),
        ):  # fmt: skip
            expected = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=eager)
            np.testing.assert_array_equal(fr.eqd2_from_total_dose(lazy, n_fractions=5, alpha_beta=alpha_beta), expected)
            out = np.zeros_like(doses)
            fr.eqd2_from_total_dose(lazy, n_fractions=5, alpha_beta=alpha_beta, out=out)
            np.testing.assert_array_equal(out, expected)


def test_a_read_only_zarr_target_is_refused_by_name() -> None:
    da = pytest.importorskip("dask.array")
    zarr = pytest.importorskip("zarr")
    store: dict[str, object] = {}
    zarr.create_array(store=store, shape=(4, 4), dtype="float32", chunks=(2, 4))
    read_only = zarr.open_array(store=store, mode="r")
    with pytest.raises(fr.FractionationError, match=r"^out must be a writeable array.*read-only"):
        fr.eqd2_from_total_dose(da.ones((4, 4), dtype=np.float32, chunks=2), n_fractions=5, alpha_beta=3.0,
                                out=read_only)  # fmt: skip


@pytest.mark.usefixtures("path")
def test_of_two_bad_parts_the_first_is_named_and_every_part_has_finished() -> None:
    """The first part runs on the caller's thread, the others on kept helper threads: the error names the
    first offending voxel, and no part is still writing into out when the call has raised."""
    size = 1 << 24  # parts of several milliseconds each
    for bad, named in (((3, size - 5), 3), ((size - 5,), size - 5), ((3,), 3)):
        doses = np.ones(size, np.float32)
        doses[list(bad)] = -1.0
        out = np.zeros_like(doses)
        with pytest.raises(fr.FractionationError) as raised:
            fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=3.0, out=out)
        assert raised.value.index == named
        written = out.copy()
        time.sleep(0.05)  # a part still running would go on writing into out
        np.testing.assert_array_equal(out, written)


def test_a_forked_child_converts_with_its_own_helper_threads() -> None:
    """Helper threads do not survive a fork: a child process must not wait on its parent's."""
    multiprocessing = pytest.importorskip("multiprocessing")
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    doses, _, _ = _grid()
    expected = fr.eqd2_from_total_dose(doses, n_fractions=5, alpha_beta=3.0)  # starts the parent's helpers
    with multiprocessing.get_context("fork").Pool(1) as pool:
        result = pool.apply_async(_eqd2_of_grid).get(timeout=60)
    np.testing.assert_array_equal(result, expected)


def _eqd2_of_grid() -> np.ndarray:
    return fr.eqd2_from_total_dose(_grid()[0], n_fractions=5, alpha_beta=3.0)
