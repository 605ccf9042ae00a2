"""The printable handout: the PDF's text read back (the numbers shown are there) and a page rendered to an image.

Reading and rendering use Debian's poppler-utils (pdftotext, pdftoppm), which .ci/run installs.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

import fractionation as fr
from tests.test_cli import run

pytest.importorskip("fpdf")
pytest.importorskip("vl_convert")
if not shutil.which("pdftotext") and not os.environ.get("CI"):
    pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed", allow_module_level=True)

DOCUMENT = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
TISSUES = [fr.tissue(t) for t in ("tumour", "late", "cord")]
LINK = "http://127.0.0.1:8501/?tissue=tumour&tissue=late&tissue=cord"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fractionation.handout import handout_pdf

    path = tmp_path_factory.mktemp("handout") / "handout.pdf"
    path.write_bytes(
        handout_pdf(DOCUMENT, TISSUES, working_scheme="7 Gy x 5", working_alpha_beta=TISSUES[2], link=LINK)
    )
    return path


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_every_number_of_the_table_is_in_the_pdf(pdf: Path) -> None:
    text = text_of(pdf)
    table = fr.compare(DOCUMENT, TISSUES)
    for value in (*table["eqd2"], *table["bed"], *table["total_dose"]):
        assert f"{value:.2f}" in text
    assert 1 <= pages_of(pdf) <= 2


def test_the_working_sources_link_version_and_disclaimer_are_in_the_pdf(pdf: Path) -> None:
    text = " ".join(text_of(pdf).split())  # the text as words, whatever the line breaks
    assert "The working: 7 Gy x 5 at alpha/beta 2 Gy" in text
    for step in fr.working(fr.Scheme.parse("7 Gy x 5"), 2.0):
        assert f"{step.value:g} Gy" in text
    assert LINK in text
    assert f"fractionation {fr.__version__}" in text
    assert "not a prescribing system" in text
    quote = " ".join(DOCUMENT[0].source.quote.split())  # type: ignore[union-attr]
    assert quote in text
    assert DOCUMENT[0].source.citation in text  # type: ignore[union-attr]
    assert "Nieder C" in text  # the cord's alpha/beta source


def test_a_page_renders_to_an_image_with_the_charts_on_it(pdf: Path, artifacts_dir: Path) -> None:
    prefix = artifacts_dir / "handout-page"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    from PIL import Image  # installed with fpdf2

    (path,) = artifacts_dir.glob("handout-page*1.png")
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    assert height / width == pytest.approx(297 / 210, rel=0.01)  # an A4 page
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=int)
    coloured = int(((pixels.max(axis=2) - pixels.min(axis=2)) > 60).sum())
    assert coloured > 0.02 * width * height  # the charts' bars and lines: text and table are black on white


def test_greek_letters_are_spelled_out_for_the_standard_font() -> None:
    from fractionation.handout import pdf_text

    assert pdf_text("α/β 10 Gy, EQD2 ≈ 36 Gy, 5 × 7 Gy") == "alpha/beta 10 Gy, EQD2 ~ 36 Gy, 5 × 7 Gy"
    assert pdf_text("日本") == "??"


def test_write_pdf_leaves_no_half_written_file(tmp_path: Path) -> None:
    from fractionation.handout import write_pdf

    target = tmp_path / "h.pdf"
    target.write_bytes(b"the old handout")
    with pytest.raises(TypeError):
        write_pdf("not bytes", target)  # type: ignore[arg-type]
    assert target.read_bytes() == b"the old handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.pdf"]
    with pytest.raises(fr.FractionationError, match="a folder that exists") as refused:
        write_pdf(b"%PDF", tmp_path / "missing" / "h.pdf")
    assert refused.value.argument == "output"


def test_cli_writes_the_handout_and_quotes_the_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "class.pdf"
    code, out, _ = run(capsys, "compare", "8 Gy x 1", "30 Gy/10", "--alpha-beta", "cord", "--format", "pdf",
                        "--output", str(target))  # fmt: skip
    assert code == 0
    assert out == f"wrote {target}\n"
    text = " ".join(text_of(target).split())
    assert "fractionation compare '8 Gy x 1' '30 Gy/10' --alpha-beta cord" in text
    assert "37.50" in text  # 30 Gy/10 at alpha/beta 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [(("--format", "pdf"), "needs --output"), (("--output", "x.pdf"), "--output is for --format pdf"),
     (("--format", "pdf", "--output", "{tmp}/missing/x.pdf"), "a folder that exists"),
     (("--format", "pdf", "--output", "{tmp}"), "not a folder"),
     (("--format", "pdf", "--output", "{tmp}/x.pdf", "--model", "usc"), "drop --model"),
     (("--format", "pdf", "--output", "{tmp}/x.pdf", "--working", "8x1"), "ambiguous")],
)  # fmt: skip
def test_cli_refuses_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "compare", "8 Gy x 1", *(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def uncertain_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fractionation.handout import handout_pdf

    path = tmp_path_factory.mktemp("handout") / "uncertainty.pdf"
    path.write_bytes(handout_pdf(DOCUMENT, TISSUES, link=LINK, uncertainty=True, samples=4000, seed=11))
    return path


def test_the_uncertainty_columns_are_in_the_pdf(uncertain_pdf: Path) -> None:
    from fractionation.handout import pdf_text

    text = text_of(uncertain_pdf)
    spread = fr.uncertainty(DOCUMENT, TISSUES, samples=4000, seed=11)  # the same seed: the same numbers
    for column in ("eqd2_low", "eqd2_median", "eqd2_high", "bed_low", "bed_median", "bed_high"):
        for value in spread[column]:
            assert f"{value:.2f}" in text, column
    words = " ".join(text.split())
    assert "4,000 samples, seed 11" in words
    for distribution in fr.input_distributions(TISSUES):
        assert " ".join(pdf_text(str(distribution)).split()) in words  # each input's distribution, stated
    assert "EQD2 2.5%" in words
    assert "BED 97.5%" in words
    assert pages_of(uncertain_pdf) <= 2


def images_in(path: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return sum(1 for line in listing.splitlines()[2:] if line.split()[2] == "image")  # not their soft masks


def test_the_uncertainty_handout_draws_the_intervals_chart(pdf: Path, uncertain_pdf: Path, artifacts_dir: Path) -> None:
    assert images_in(pdf) == 2  # EQD2 per scheme and tissue; EQD2 against alpha/beta
    assert images_in(uncertain_pdf) == 3  # and the intervals per scheme
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(uncertain_pdf), str(artifacts_dir / "handout-uncertainty")],
                   check=True)  # fmt: skip
    assert len(list(artifacts_dir.glob("handout-uncertainty*.png"))) == pages_of(uncertain_pdf)


def test_cli_writes_the_uncertainty_handout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "u.pdf"
    code, out, _ = run(capsys, "compare", "8 Gy x 1", "--alpha-beta", "cord", "--uncertainty", "--samples", "3000",
                       "--seed", "4", "--format", "pdf", "--output", str(target))  # fmt: skip
    assert code == 0
    assert out == f"wrote {target}\n"
    spread = fr.uncertainty(["8 Gy x 1"], [fr.tissue("cord")], samples=3000, seed=4)
    text = text_of(target)
    assert all(f"{spread[c].iloc[0]:.2f}" in text for c in ("eqd2_low", "eqd2_median", "eqd2_high", "bed_high"))
    assert "--uncertainty --samples 3000 --seed 4" in " ".join(text.split())  # the command that shows the same
