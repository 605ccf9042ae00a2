"""Dose grids: voxel-wise EQD2 and BED from total dose, dtype and memory kept, Dask and xarray."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import fractionation as fr


@settings(max_examples=60)
@given(
    doses=hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=9), elements=st.floats(0, 120)),
    n=st.integers(4, 40),
    alpha_beta=st.floats(0.5, 20),
)
def test_grid_equals_the_scalar_functions(doses: np.ndarray, n: int, alpha_beta: float) -> None:
    eqd2 = fr.eqd2_from_total_dose(doses, n_fractions=n, alpha_beta=alpha_beta)
    bed = fr.bed_from_total_dose(doses, n_fractions=n, alpha_beta=alpha_beta)
    expected_eqd2 = fr.eqd2(dose_per_fraction=doses / n, n_fractions=n, alpha_beta=alpha_beta)
    expected_bed = fr.bed(dose_per_fraction=doses / n, n_fractions=n, alpha_beta=alpha_beta)
    np.testing.assert_allclose(eqd2, expected_eqd2, rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(bed, expected_bed, rtol=1e-14, atol=1e-300)


def test_float32_stays_float32_and_out_is_used() -> None:
    doses = np.linspace(0, 60, 1_000_003, dtype=np.float32)  # several blocks, split across threads
    out = np.empty_like(doses)
    result = fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=3, out=out)
    assert result is out
    assert result.dtype == np.float32
    expected = fr.eqd2(dose_per_fraction=doses.astype(np.float64) / 30, n_fractions=30, alpha_beta=3)
    np.testing.assert_allclose(result, expected, rtol=3e-7)
    in_place = doses.copy()
    fr.eqd2_from_total_dose(in_place, n_fractions=30, alpha_beta=3, out=in_place)
    np.testing.assert_array_equal(in_place, result)


def test_nan_passes_through_and_negative_is_refused() -> None:
    doses = np.array([[20.0, np.nan], [0.0, 45.0]])
    result = fr.eqd2_from_total_dose(doses, n_fractions=15, alpha_beta=10)
    assert np.isnan(result[0, 1])
    assert result[1, 0] == 0
    with pytest.raises(fr.FractionationError, match=r"total_dose must be a total dose in Gy .*, got -1.0 at index 2$"):
        fr.eqd2_from_total_dose(np.array([1.0, np.nan, -1.0]), n_fractions=5, alpha_beta=3)
    with pytest.raises(fr.FractionationError, match="is the grid in cGy"):
        fr.eqd2_from_total_dose(np.array([5000.0]), n_fractions=25, alpha_beta=3)


def test_extra_memory_is_one_block_not_a_full_temporary() -> None:
    import tracemalloc

    doses = np.random.default_rng(1).uniform(0, 60, 4_000_000).astype(np.float32)
    tracemalloc.start()
    result = fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=3)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak - result.nbytes < 64 * 2**20
    assert peak - result.nbytes < doses.nbytes // 4  # far below one full-size temporary


def test_per_voxel_alpha_beta_from_structures() -> None:
    cord = np.array([[True, True], [False, False]])
    tumour = np.array([[False, True], [True, False]])
    grid = fr.alpha_beta_map((2, 2), [(tumour, 10.0), (cord, 2.0)], default=3.0)
    np.testing.assert_array_equal(grid, [[2.0, 2.0], [10.0, 3.0]])  # overlap: the lowest wins
    last = fr.alpha_beta_map((2, 2), [(cord, 2.0), (tumour, 10.0)], default=3.0, overlap="last")
    assert last[0, 1] == 10.0
    doses = np.full((2, 2), 24.0)
    result = fr.eqd2_from_total_dose(doses, n_fractions=3, alpha_beta=grid)
    np.testing.assert_allclose(result, fr.eqd2(dose_per_fraction=8, n_fractions=3, alpha_beta=grid), rtol=1e-14)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: fr.eqd2_from_total_dose(np.ones(3), n_fractions=5, alpha_beta=np.ones(4)),
            "alpha_beta must be one number, or an array of the dose grid's shape \\(3,\\) \\(its shape is \\(4,\\)\\)",
        ),
        (
            lambda: fr.eqd2_from_total_dose(np.ones(3), n_fractions=5, alpha_beta=3, out=np.ones(3, np.float32)),
            "out must be a numpy array of dtype float64",
        ),
        (
            lambda: fr.eqd2_from_total_dose("20", n_fractions=5, alpha_beta=3),
            "total_dose must be an array of doses in Gy",
        ),
        (
            lambda: fr.eqd2_from_total_dose(np.ones(3), n_fractions=[5, 6], alpha_beta=3),
            "n_fractions must be one whole number",
        ),
        (
            lambda: fr.alpha_beta_map((2,), [(np.array([1, 0]), 2.0)], default=3),
            "structures must be \\(mask, alpha_beta\\) pairs, each mask a boolean array of shape \\(2,\\), got an array of int64 with shape \\(2,\\) at index 0",
        ),
        (
            lambda: fr.alpha_beta_map((2,), [], default=3, overlap="first"),
            "overlap must be one of 'lowest', 'last', got 'first'",
        ),
    ],
)
def test_bad_input(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.FractionationError, match=message):
        call()


def test_dask_is_lazy_and_equals_numpy() -> None:
    da = pytest.importorskip("dask.array")
    doses = np.random.default_rng(2).uniform(0, 60, (40, 30, 20)).astype(np.float32)
    lazy = fr.eqd2_from_total_dose(da.from_array(doses, chunks=(10, 30, 20)), n_fractions=30, alpha_beta=3)
    assert isinstance(lazy, da.Array)  # nothing computed yet
    assert lazy.dtype == np.float32
    np.testing.assert_array_equal(lazy.compute(), fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=3))
    ratios = da.from_array(np.full(doses.shape, 2.0), chunks=(10, 30, 20))
    per_voxel = fr.eqd2_from_total_dose(da.from_array(doses, chunks=(10, 30, 20)), n_fractions=30, alpha_beta=ratios)
    np.testing.assert_allclose(
        per_voxel.compute(), fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=2), rtol=1e-6
    )


def test_xarray_keeps_coordinates() -> None:
    xr = pytest.importorskip("xarray")
    grid = xr.DataArray(
        np.full((2, 3), 20.0), coords={"y": [0.0, 2.5], "x": [0.0, 2.5, 5.0]}, dims=("y", "x"), name="dose"
    )
    result = fr.bed_from_total_dose(grid, n_fractions=5, alpha_beta=2)
    assert result.name == "bed"
    assert result.coords["x"].values.tolist() == [0.0, 2.5, 5.0]
    np.testing.assert_allclose(result.values, 60.0)


def test_xarray_fills_out_instead_of_ignoring_it() -> None:
    xr = pytest.importorskip("xarray")
    grid = xr.DataArray(np.full((2, 3), 20.0), dims=("y", "x"))
    out = np.zeros((2, 3))
    result = fr.bed_from_total_dose(grid, n_fractions=5, alpha_beta=2, out=out)
    np.testing.assert_allclose(out, 60.0)  # out= was dropped without a word for an xarray grid
    assert np.shares_memory(result.data, out)


def test_a_strided_out_is_refused_by_name() -> None:
    out = np.zeros((3, 4))[:, ::2]
    with pytest.raises(fr.FractionationError) as caught:  # was a NameError from the message
        fr.eqd2_from_total_dose(np.full((3, 2), 20.0), n_fractions=5, alpha_beta=2, out=out)
    assert caught.value.argument == "out"
    assert "C-contiguous" in str(caught.value)


def test_cumulative_dvh_maps_the_dose_axis_and_keeps_volumes() -> None:
    doses, volumes = [0.0, 10.0, 20.0, 30.0], [100.0, 80.0, 30.0, 0.0]
    eqd2, kept = fr.eqd2_dvh(doses, volumes, n_fractions=10, alpha_beta=3)
    assert kept.tolist() == volumes
    assert eqd2.tolist() == pytest.approx(
        [fr.eqd2(dose_per_fraction=d / 10, n_fractions=10, alpha_beta=3) for d in doses]
    )


def test_differential_dvh_maps_bin_edges_and_keeps_each_bins_volume() -> None:
    edges, volumes = [0.0, 20.0, 40.0, 60.0], [5.0, 10.0, 2.0]
    eqd2, kept = fr.eqd2_dvh(edges, volumes, n_fractions=30, alpha_beta=3, cumulative=False)
    assert kept.tolist() == volumes
    assert len(eqd2) == 4
    widths = np.diff(eqd2)
    assert widths[2] > widths[1] > widths[0]  # high-dose bins stretch most


@pytest.mark.parametrize(
    ("doses", "volumes", "cumulative", "message"),
    [
        (
            [0, 10],
            [100, 80, 0],
            True,
            "doses, volumes must be one dose per volume for a cumulative DVH \\(2 doses and 3 volumes\\)",
        ),
        ([0, 10, 20], [5, 2, 1], False, "must be bin edges, one more than the volumes for a differential DVH"),
        ([0, 20, 10], [100, 50, 0], True, "doses must be numbers that increase"),
        ([0, np.nan, 10], [100, 50, 0], True, "doses must be numbers that increase"),
        ([0, 10, 20], [50, 80, 0], True, "volumes must be not increasing with dose"),
        ([0, 10, 20], [50, -1, 0], True, "volumes must be finite and not negative"),
        ([-5, 10, 20], [50, 10, 0], True, r"^doses must be a total dose in Gy from 0 to 1000 .*, got -5.0 at index 0$"),
        ([0, 10, 5000], [50, 10, 0], True, r"^doses must be .*, got 5000.0 at index 2 \(500 Gy per fraction: is the"),
        ("0 10", [1, 0], True, "^doses must be an array of doses in Gy"),
        ([0, 10], ["a", "b"], True, "^volumes must be an array of numbers"),
        ([0, 10], [1, 0], "differential", "^cumulative must be True or False"),
    ],
)
def test_dvh_bad_input(doses: list[float], volumes: list[float], cumulative: bool, message: str) -> None:
    with pytest.raises(fr.FractionationError, match=message):
        fr.eqd2_dvh(doses, volumes, n_fractions=10, alpha_beta=3, cumulative=cumulative)


def _strided_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[slice, ...]]:
    """Doses, labels and their alpha/beta over a larger grid, and the region of it converted (not contiguous)."""
    rng = np.random.default_rng(11)
    doses = rng.uniform(0, 60, (60, 300, 256)).astype(np.float32)
    labels = rng.integers(0, 3, doses.shape).astype(np.uint8)
    return doses, labels, np.array([10.0, 3.0, 2.0]), np.s_[:, 10:260, 5:205]  # slabs of 20 planes: 3 of them


@pytest.mark.parametrize("path", ["1", "0"])
@pytest.mark.parametrize("form", ["one", "float32 map", "float64 map", "compact", "contiguous doses"])
def test_a_strided_grid_converts_as_its_contiguous_copy(form: str, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slice of a larger grid (or a Dask chunk of a numpy array) is read where it lies by the compiled kernel, or
    converted slab by slab by NumPy, each slab gathered into a scratch: the same numbers as its contiguous copy."""
    monkeypatch.setenv("FRACTIONATION_COMPILED", path)
    base, labels, table, region = _strided_grid()
    ratios = table[labels]
    doses = np.ascontiguousarray(base[region]) if form == "contiguous doses" else base[region]
    alpha_beta, contiguous = {
        "one": (3.0, 3.0),
        "float32 map": (ratios.astype(np.float32)[region], np.ascontiguousarray(ratios.astype(np.float32)[region])),
        "float64 map": (ratios[region], np.ascontiguousarray(ratios[region])),
        "compact": (fr.AlphaBetaMap(labels=labels[region], alpha_beta=table),
                    fr.AlphaBetaMap(labels=np.ascontiguousarray(labels[region]), alpha_beta=table)),
        "contiguous doses": (ratios[region], np.ascontiguousarray(ratios[region])),
    }[form]  # fmt: skip
    expected = fr.eqd2_from_total_dose(np.ascontiguousarray(doses), n_fractions=30, alpha_beta=contiguous)
    np.testing.assert_array_equal(fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=alpha_beta), expected)
    one_dimensional = base.reshape(-1)[::3]
    np.testing.assert_array_equal(
        fr.bed_from_total_dose(one_dimensional, n_fractions=30, alpha_beta=3.0),
        fr.bed_from_total_dose(one_dimensional.copy(), n_fractions=30, alpha_beta=3.0),
    )


@pytest.mark.parametrize(
    "region",
    [np.s_[:, 10:260:3, 5:205], np.s_[::-1, 10:260, 5:205], np.s_[:, 10:260, 5:205:2], "transposed"],
    ids=["every third row", "planes reversed", "every second column", "transposed"],
)
@pytest.mark.parametrize("form", ["one", "float32 map", "float64 map", "compact"])
def test_any_view_of_a_grid_converts_as_its_contiguous_copy(region: object, form: str) -> None:
    """The compiled kernel reads rows where they lie when the last axis is contiguous and no stride is negative;
    other views (reversed, every second column) go slab by slab. The same numbers either way."""
    base, labels, table, _ = _strided_grid()

    def view(array: np.ndarray) -> np.ndarray:
        return array.transpose(1, 0, 2) if isinstance(region, str) else array[region]  # type: ignore[index]

    ratios = table[labels]
    alpha_beta, contiguous = {
        "one": (3.0, 3.0),
        "float32 map": (view(ratios.astype(np.float32)), np.ascontiguousarray(view(ratios.astype(np.float32)))),
        "float64 map": (view(ratios), np.ascontiguousarray(view(ratios))),
        "compact": (fr.AlphaBetaMap(labels=view(labels), alpha_beta=table),
                    fr.AlphaBetaMap(labels=np.ascontiguousarray(view(labels)), alpha_beta=table)),
    }[form]  # fmt: skip
    doses = view(base)
    expected = fr.eqd2_from_total_dose(np.ascontiguousarray(doses), n_fractions=30, alpha_beta=contiguous)
    np.testing.assert_array_equal(fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=alpha_beta), expected)
    base[(5, 6, 7) if isinstance(region, str) else (5, 40, 25)] = np.nan  # NaN passes, where it lies too
    assert np.isnan(fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=alpha_beta)).sum() == 1


@settings(max_examples=80)
@given(data=st.data(), form=st.sampled_from(["one", "float32 map", "float64 map", "compact"]))
def test_any_small_view_reads_where_it_lies_and_names_a_bad_voxel(data: st.DataObject, form: str) -> None:
    """Every array takes the compiled kernel here, however small: views of any shape, steps and axis order
    (those it cannot read where it lies go slab by slab) give the contiguous copy's numbers, and a refused
    dose, alpha/beta or label is named by its index in the view."""
    pytest.importorskip("numba")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FRACTIONATION_COMPILED", "1")
        patch.setattr("fractionation._blockwise.COMPILED_FROM", 1)
        _check_a_small_view(data, form)


def _check_a_small_view(data: st.DataObject, form: str) -> None:
    shape = data.draw(hnp.array_shapes(min_dims=2, max_dims=4, min_side=1, max_side=12), label="shape")
    order = data.draw(st.permutations(range(len(shape))), label="axis order")
    steps = data.draw(st.tuples(*(st.sampled_from([1, 1, 2, -1]) for _ in shape)), label="steps")
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    padded = (*shape[:-1], shape[-1] + 1)  # each view a part of a larger grid, as a Dask chunk is
    base = rng.uniform(0, 60, padded).astype(np.float32)
    labels = rng.integers(0, 3, padded).astype(np.uint8)
    table = np.array([10.0, 3.0, 2.0])

    def view(array: np.ndarray) -> np.ndarray:
        return array[..., 1:].transpose(order)[tuple(slice(None, None, step) for step in steps)]

    maps = {"float32 map": table[labels].astype(np.float32), "float64 map": table[labels]}
    doses = view(base)
    if form == "one":
        alpha_beta: object = 3.0
        contiguous: object = 3.0
    elif form == "compact":
        alpha_beta = fr.AlphaBetaMap(labels=view(labels), alpha_beta=table)
        contiguous = fr.AlphaBetaMap(labels=np.ascontiguousarray(view(labels)), alpha_beta=table)
    else:
        alpha_beta, contiguous = view(maps[form]), np.ascontiguousarray(view(maps[form]))
    expected = fr.eqd2_from_total_dose(np.ascontiguousarray(doses), n_fractions=7, alpha_beta=contiguous)
    np.testing.assert_array_equal(fr.eqd2_from_total_dose(doses, n_fractions=7, alpha_beta=alpha_beta), expected)

    where = tuple(data.draw(st.integers(0, side - 1)) for side in doses.shape)
    bad = {"one": doses, "float32 map": alpha_beta, "float64 map": alpha_beta, "compact": view(labels)}[form]
    bad[where] = {"one": -1.0, "compact": 3}.get(form, np.nan)  # type: ignore[index]
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(doses, n_fractions=7, alpha_beta=alpha_beta)
    index = int(np.ravel_multi_index(where, doses.shape)) if form == "compact" else where  # a label's: flat
    assert raised.value.index == index


def test_a_strided_grid_names_the_voxel_in_the_whole_grid() -> None:
    base, labels, table, region = _strided_grid()
    ratios = table[labels]
    base[45, 10 + 7, 5 + 9] = -1.0  # in the third slab
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(base[region], n_fractions=30, alpha_beta=ratios[region])
    assert (raised.value.argument, raised.value.index) == ("total_dose", (45, 7, 9))
    base[45, 10 + 7, 5 + 9] = 1.0
    ratios[50, 10 + 3, 5 + 4] = 0.0
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(base[region], n_fractions=30, alpha_beta=ratios[region])
    assert (raised.value.argument, raised.value.index) == ("alpha_beta", (50, 3, 4))
    labels[55, 10 + 1, 5 + 2] = 3
    compact = fr.AlphaBetaMap(labels=labels[region], alpha_beta=table)
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(base[region], n_fractions=30, alpha_beta=compact)
    flat = int(np.ravel_multi_index((55, 1, 2), base[region].shape))  # as for a contiguous grid: a flat index
    assert (raised.value.argument, raised.value.index) == ("labels", flat)
    line = base.reshape(-1)[::3]
    line[1_500_001] = 1e6  # in the second slab
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(line, n_fractions=30, alpha_beta=3.0)
    assert (raised.value.argument, raised.value.index) == ("total_dose", 1_500_001)


def test_a_strided_grid_needs_no_full_size_temporary() -> None:
    import tracemalloc

    base = np.random.default_rng(3).uniform(0, 60, (64, 512, 512)).astype(np.float32)
    doses = base[:, :, :500]
    tracemalloc.start()
    result = fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=3)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak - result.nbytes < doses.nbytes // 4  # a slab's scratch, not a flattened copy


def test_the_compiled_kernel_reads_a_strided_grid_where_it_lies(monkeypatch: pytest.MonkeyPatch) -> None:
    """No scratch at all, per-voxel alpha/beta included: NumPy alone would gather 2 x 4 MiB slabs."""
    import tracemalloc

    pytest.importorskip("numba")
    monkeypatch.setenv("FRACTIONATION_COMPILED", "1")
    rng = np.random.default_rng(3)
    base = rng.uniform(0, 60, (64, 256, 512)).astype(np.float32)
    ratios = rng.choice(np.array([10.0, 3.0, 2.0], np.float32), base.shape)
    doses, alpha_beta = base[:, :, :500], ratios[:, :, :500]
    fr.eqd2_from_total_dose(doses[:2], n_fractions=30, alpha_beta=alpha_beta[:2])  # compiled and warm
    tracemalloc.start()
    result = fr.eqd2_from_total_dose(doses, n_fractions=30, alpha_beta=alpha_beta)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak - result.nbytes < 1 << 20


def test_a_dask_error_names_the_voxel_in_the_whole_grid() -> None:
    """Flat indices too: a 1-D grid's, and a label's."""
    da = pytest.importorskip("dask.array")
    doses = np.full(1000, 10.0, np.float32)
    doses[777] = -1.0
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(da.from_array(doses, chunks=300), n_fractions=5, alpha_beta=3.0).compute()
    assert raised.value.index == 777
    grid = np.full((6, 8, 10), 10.0, np.float32)
    labels = np.zeros(grid.shape, np.uint8)
    labels[4, 5, 6] = 7
    compact = fr.AlphaBetaMap(labels=da.from_array(labels, chunks=(3, 4, 5)), alpha_beta=np.array([3.0, 10.0]))  # type: ignore[arg-type]
    with pytest.raises(fr.FractionationError) as raised:
        fr.eqd2_from_total_dose(da.from_array(grid, chunks=(3, 4, 5)), n_fractions=5, alpha_beta=compact).compute()
    assert (raised.value.argument, raised.value.index) == ("labels", int(np.ravel_multi_index((4, 5, 6), grid.shape)))
