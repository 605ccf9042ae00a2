"""The app in a real browser: what a trainee sees first, what a teacher projects, what a link can do."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

import fractionation as fr

DOCUMENT = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
FORGED = "![t](http://host/x.png) [site](http://host) :red[**URGENT: dose too high**]"
SIZES = [(1280, 720), (1920, 1080)]

# The number of lines each element's text takes: the distinct tops of its text's line boxes.
LINES = """els => els.map(el => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const tops = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    return [el.innerText.trim(), tops.size];
})"""


def open_app(page: Page, url: str, size: tuple[int, int] = (1280, 720)) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-connection-state", "CONNECTED", timeout=30_000
    )
    expect(main_table(page)).to_be_visible(timeout=30_000)


def main_table(page: Page) -> Locator:
    return page.locator(".fr-table table").first


def cell(page: Page, scheme: str, column: str) -> str:
    """The text of one cell of the main table, found by row (scheme) and column header."""
    headers = [h.strip() for h in main_table(page).locator("thead th").all_inner_texts()]
    return row(page, scheme).locator("th, td").nth(headers.index(column)).inner_text().strip()


def row(page: Page, scheme: str) -> Locator:
    """A scheme's row: its name, and the caution mark where the table adds one."""
    name = page.locator("th.name", has_text=re.compile(rf"^{re.escape(scheme)}( ⚠)?$"))
    return main_table(page).locator("tbody tr", has=name)


def inside_viewport(page: Page, locator: Locator) -> bool:
    box, size = locator.bounding_box(), page.viewport_size
    assert box is not None
    assert size is not None
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and (box["y"] + box["height"] <= size["height"])
    )


def assert_first_screen(page: Page, columns: list[str]) -> None:
    """Each document scheme and its EQD2 for each tissue lie inside the viewport, none wrapped."""
    for scheme in DOCUMENT:
        assert inside_viewport(page, row(page, str(scheme))), str(scheme)
    headers = [h.strip() for h in main_table(page).locator("thead th").all_inner_texts()]
    assert headers[2:] == columns
    lines = main_table(page).locator("th").evaluate_all(LINES)
    assert all(n == 1 for _, n in lines), [text for text, n in lines if n != 1]


@pytest.mark.parametrize("size", SIZES)
def test_the_first_screen_shows_the_six_schemes_and_their_eqd2(
    page: Page, app_url: str, artifacts_dir: Path, size: tuple[int, int]
) -> None:
    open_app(page, app_url, size)
    expect(page.locator('section[data-testid="stSidebar"]')).to_be_visible()
    assert_first_screen(page, ["tumour (10)", "late (3)", "cord (2)"])
    for scheme in DOCUMENT:
        for label, ab in (("tumour (10)", 10), ("cord (2)", 2)):
            assert cell(page, str(scheme), label) == f"{scheme.eqd2(ab):.2f}"
    expect(page.get_by_text("not a prescribing system")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Glossary")).to_be_in_viewport()
    expect(page.get_by_text("Deploy")).to_have_count(0)
    tip = main_table(page).locator("thead th", has_text="cord (2)").get_attribute("title")
    assert tip is not None
    assert tip.startswith("EQD2 for Spinal cord")
    page.screenshot(path=artifacts_dir / f"first-screen-{size[0]}x{size[1]}.png")


def test_five_alpha_beta_columns_still_fit_without_wrapping(page: Page, app_url: str, artifacts_dir: Path) -> None:
    open_app(page, f"{app_url}/?tissue=tumour&tissue=late&tissue=cord&tissue=prostate&ab=4.5")
    assert_first_screen(page, ["tumour (10)", "late (3)", "cord (2)", "prostate (1.5)", "α/β 4.5"])
    page.screenshot(path=artifacts_dir / "first-screen-five-columns-1280x720.png")


@pytest.mark.parametrize("size", SIZES)
def test_presentation_mode_keeps_the_slider_and_all_six_schemes(
    page: Page, app_url: str, artifacts_dir: Path, size: tuple[int, int]
) -> None:
    open_app(page, f"{app_url}/?present=1", size)
    expect(page.locator('section[data-testid="stSidebar"]')).to_be_hidden(timeout=10_000)
    slider = page.get_by_role("slider", name="Live alpha/beta (Gy)")
    assert inside_viewport(page, page.locator('[data-testid="stSlider"]'))
    assert_first_screen(page, ["tumour (10)", "late (3)", "cord (2)"])
    font = main_table(page).evaluate("t => parseFloat(getComputedStyle(t).fontSize)")
    assert font >= 23  # type for the back of a room
    colour = main_table(page).locator("thead th").first.evaluate("th => getComputedStyle(th).color")
    assert colour in ("rgb(17, 17, 17)", "rgb(20, 20, 20)")  # dark, not washed-out grey
    slider.focus()
    page.keyboard.press("ArrowRight")  # the teacher moves the slider: a live column appears
    expect(main_table(page).locator("thead")).to_contain_text("α/β 3.5", timeout=10_000)
    assert "present=1" in page.url
    page.screenshot(path=artifacts_dir / f"presentation-{size[0]}x{size[1]}.png")


def test_ten_rapid_clicks_give_ten_files(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, f"{app_url}/?tissue=cord")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    buttons = [page.get_by_role("button", name=f"Download {kind}") for kind in ("CSV", "JSON", "Markdown")]
    for i in range(10):
        buttons[i % 3].click()
    for _ in range(100):
        if len(downloads) == 10:
            break
        page.wait_for_timeout(100)
    assert len(downloads) == 10
    texts = []
    for i, download in enumerate(downloads):
        target = tmp_path / f"{i}-{download.suggested_filename}"
        download.save_as(target)
        texts.append(target.read_text(encoding="utf-8"))
    assert all("?tissue=cord" in text for text in texts)
    assert all("Bone metastases" in text for text in texts)
    assert {d.suggested_filename for d in downloads} == {"fractionation.csv", "fractionation.json", "fractionation.md"}


def test_every_download_label_shows_whole_at_1280x720(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    buttons = page.locator('[data-testid="stDownloadButton"]')
    expect(buttons).to_have_count(5)
    # A label cut short overflows its box (five equal columns once cut "References (CSL-JSON)" to "References (CS").
    clipped = buttons.evaluate_all(
        "bs => bs.filter(b => [b, ...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))"
        ".map(b => b.innerText.trim())"
    )
    assert clipped == []
    assert [label.strip() for label in buttons.all_inner_texts()] == [
        "Download CSV", "Download JSON", "Download Markdown", "References (BibTeX)", "References (CSL-JSON)",
    ]  # fmt: skip


def test_a_forged_link_shows_its_text_literally(page: Page, app_url: str, artifacts_dir: Path) -> None:
    open_app(page, f"{app_url}/?doc={quote(FORGED)}&custom={quote(FORGED)}")
    warnings = page.locator('[data-testid="stAlert"]')
    expect(warnings.first).to_contain_text(FORGED, timeout=10_000)
    app = page.locator('[data-testid="stApp"]')
    expect(app.locator('img[src*="host"]')).to_have_count(0)
    expect(app.locator('a[href^="http://host"]')).to_have_count(0)
    expect(app.locator("strong", has_text="URGENT")).to_have_count(0)
    expect(app.locator('[data-testid="stAlert"] span[style*="color"]')).to_have_count(0)
    assert_first_screen(page, ["tumour (10)", "late (3)", "cord (2)"])  # the defaults, kept
    page.screenshot(path=artifacts_dir / "forged-link.png")


def test_enter_adds_an_alpha_beta_and_a_scheme(page: Page, app_url: str, artifacts_dir: Path) -> None:
    open_app(page, app_url, (1280, 1000))
    box = page.get_by_label("Add an alpha/beta in Gy, or a tissue id")
    box.fill("4 Gy")
    box.press("Enter")
    expect(main_table(page).locator("thead")).to_contain_text("α/β 4", timeout=10_000)
    assert (
        cell(page, "Document: 3 Gy x 10", "α/β 4")
        == f"{fr.eqd2(dose_per_fraction=3, n_fractions=10, alpha_beta=4):.2f}"
    )
    scheme = page.get_by_label("Add a scheme")
    scheme.fill("8x1")
    scheme.press("Enter")
    expect(page.get_by_text("cannot read '8x1' as a scheme: ambiguous", exact=False)).to_be_visible(timeout=10_000)
    scheme.fill("24 Gy/2")
    scheme.press("Enter")
    expect(main_table(page)).to_contain_text("12 Gy x 2", timeout=10_000)
    expect(page.get_by_text("cannot read '8x1' as a scheme: ambiguous", exact=False)).to_have_count(
        0
    )  # fixed: the error goes
    assert cell(page, "12 Gy x 2", "tumour (10)") == "44.00"
    expect(page.get_by_text("Traceback")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "enter-adds.png")


def test_a_shared_link_restores_the_view(page: Page, app_url: str) -> None:
    query = "&".join(["doc=document-8x1", "lit=sc24-12x2", f"custom={quote('0.126 Gy x 2')}", "tissue=cord", "ab=4"])
    open_app(page, f"{app_url}/?{query}")
    assert cell(page, "Document: 8 Gy x 1", "cord (2)") == "20.00"
    assert (
        cell(page, "SC.24: SBRT 24 Gy/2", "α/β 4")
        == f"{fr.eqd2(dose_per_fraction=12, n_fractions=2, alpha_beta=4):.2f}"
    )
    assert (
        cell(page, "0.126 Gy x 2", "cord (2)") == f"{fr.eqd2(dose_per_fraction=0.126, n_fractions=2, alpha_beta=2):.2f}"
    )
    assert main_table(page).locator("tbody tr:not(.group)").count() == 3


def test_a_panel_is_built_when_opened(page: Page, app_url: str, artifacts_dir: Path) -> None:
    open_app(page, app_url, (1280, 1400))
    expect(page.locator(".katex")).to_have_count(0)  # closed panels send nothing but their label
    page.get_by_text("Sources: where each scheme comes from", exact=True).click()
    sources = page.locator('[data-testid="stExpander"]', has_text="Sources: where each scheme comes from")
    expect(sources).to_contain_text("1 session of 8 Gy, 5 sessions of 4 Gy", timeout=10_000)
    expect(sources).to_contain_text("Bone metastases")
    page.get_by_text("Show the working", exact=True).click()
    working = page.locator('[data-testid="stExpander"]', has_text="Show the working")
    expect(working.locator(".katex").first).to_be_visible(timeout=10_000)
    expect(working).to_contain_text("= 12\\ \\mathrm{Gy}")
    working.screenshot(path=artifacts_dir / "show-the-working.png")
