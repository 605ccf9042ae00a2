"""The app in a real browser: what a trainee sees, clicks and shares."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

import fractionation as fr


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-connection-state", "CONNECTED", timeout=30_000
    )
    expect(page.locator('[data-testid="stTable"]').first).to_be_visible(timeout=30_000)


def table(page: Page, index: int) -> Locator:
    return page.locator('[data-testid="stTable"] table').nth(index)


def cell(page: Page, index: int, scheme: str, column: str) -> str:
    """The text of one cell, found by row (scheme) and column header."""
    grid = table(page, index)
    headers = [h.strip() for h in grid.locator("thead th").all_inner_texts()]
    row = grid.locator("tbody tr", has=page.get_by_text(scheme, exact=True))
    return row.locator("td, th").nth(headers.index(column)).inner_text().strip()


def test_default_page_shows_the_six_schemes_with_their_eqd2(page: Page, app_url: str, artifacts_dir: Path) -> None:
    open_app(page, app_url)
    document = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
    for scheme in document:
        index = 0 if scheme.intent == "palliative" else 1
        for label, ab in (("tumour (10)", 10), ("cord (2)", 2)):
            assert cell(page, index, str(scheme), f"EQD2 {label}") == f"{scheme.eqd2(ab):.2f}"
    expect(page.get_by_text("not a prescribing system")).to_be_visible()
    page.locator('[data-testid="stMain"]').evaluate("main => main.scrollTo(0, 0)")
    page.screenshot(path=artifacts_dir / "default-view.png")


def test_adding_an_alpha_beta_and_a_scheme_updates_the_table(page: Page, app_url: str, artifacts_dir: Path) -> None:
    open_app(page, app_url)
    page.get_by_label("Add an alpha/beta in Gy").fill("4")
    page.get_by_role("button", name="Add alpha/beta").click()
    expect(table(page, 0).locator("thead")).to_contain_text("EQD2 α/β 4", timeout=10_000)
    assert (
        cell(page, 0, "Document: 3 Gy x 10", "EQD2 α/β 4")
        == f"{fr.eqd2(dose_per_fraction=3, n_fractions=10, alpha_beta=4):.2f}"
    )

    page.get_by_label("Add a scheme").fill("24 Gy/2")
    page.get_by_role("button", name="Add scheme").click()
    expect(page.get_by_role("heading", name="Added schemes")).to_be_visible(timeout=10_000)
    assert cell(page, 2, "12 Gy x 2", "EQD2 tumour (10)") == "44.00"
    expect(page.get_by_text("LQ less certain above 10 Gy/fraction").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "custom-scheme-and-alpha-beta.png")


def test_an_unreadable_scheme_is_explained_inline(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    page.get_by_label("Add a scheme").fill("8x1")
    page.get_by_role("button", name="Add scheme").click()
    expect(page.get_by_text("cannot read '8x1' as a scheme: ambiguous", exact=False)).to_be_visible(timeout=10_000)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    assert cell(page, 0, "Document: 8 Gy x 1", "EQD2 tumour (10)") == "12.00"


def test_a_shared_link_restores_the_view(page: Page, app_url: str, artifacts_dir: Path) -> None:
    query = "&".join([
        "doc=document-8x1", "lit=sc24-12x2",
        f"custom={quote('5 x 4 Gy')}", "tissue=cord", "ab=4",
    ])  # fmt: skip
    open_app(page, f"{app_url}/?{query}")
    assert cell(page, 0, "Document: 8 Gy x 1", "EQD2 cord (2)") == "20.00"
    assert (
        cell(page, 1, "SC.24: SBRT 24 Gy/2", "EQD2 α/β 4")
        == f"{fr.eqd2(dose_per_fraction=12, n_fractions=2, alpha_beta=4):.2f}"
    )
    assert cell(page, 2, "4 Gy x 5", "EQD2 cord (2)") == "30.00"
    assert table(page, 0).locator("tbody tr").count() == 1
    page.screenshot(path=artifacts_dir / "shared-link.png")


@pytest.mark.parametrize("size", [(1280, 720)])
def test_presentation_mode_hides_controls_at_classroom_size(
    page: Page, app_url: str, artifacts_dir: Path, size: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, f"{app_url}/?present=1")
    expect(page.locator('section[data-testid="stSidebar"]')).to_be_hidden(timeout=10_000)
    expect(table(page, 0)).to_be_visible()
    page.screenshot(path=artifacts_dir / "presentation-1280x720.png")


def test_a_panel_is_built_when_opened(page: Page, app_url: str, artifacts_dir: Path) -> None:
    open_app(page, app_url)
    expect(page.locator(".katex")).to_have_count(0)  # closed panels send nothing but their label
    page.get_by_text("Sources: palliative", exact=True).click()
    sources = page.locator('[data-testid="stExpander"]', has_text="Sources: palliative")
    expect(sources).to_contain_text("1 session of 8 Gy, 5 sessions of 4 Gy", timeout=10_000)
    page.get_by_text("Show the working", exact=True).click()
    working = page.locator('[data-testid="stExpander"]', has_text="Show the working")
    expect(working.locator(".katex").first).to_be_visible(timeout=10_000)
    # 8 Gy x 1 at alpha/beta 10 ends in the table's tumour EQD2, 12.00 (KaTeX keeps the source as an annotation)
    expect(working).to_contain_text("= 12\\ \\mathrm{Gy}")
    working.screenshot(path=artifacts_dir / "show-the-working.png")
