"""App benchmarks (issue: Streamlit app). Prints measurements against targets; asserts nothing.

    python benchmarks/bench_app.py            # needs the [test] extra and Debian's chromium

- rerun: the script's rerun after a widget change, timed by the script itself
  (app.py stores it in st.session_state["script_seconds"]; AppTest's own wall time
  is mostly its polling); median of 30; target at most 50 ms.
- first render: a fresh `streamlit run` on 127.0.0.1, from page request to the table
  on screen in Chromium; median of 5 fresh servers; target at most 3 s. For scale, the
  same for a page holding only a title and one st.table (Streamlit's own floor here),
  measured alternately with it, and the ratio of the two.
- alpha/beta change: the live alpha/beta slider moved one step in the browser, to the
  table showing the new column; median of 20; target at most 300 ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

RERUNS = 30
CHANGES = 20
FRESH_SERVERS = 5


def report(name: str, seconds: float, target: float) -> None:
    verdict = "met" if seconds <= target else "NOT MET"
    ms, target_ms = seconds * 1e3, target * 1e3
    print(f"{name:<48} {ms:8.1f} ms  (target <= {target_ms:.0f} ms: {verdict}; ratio {ms / target_ms:.2f})")


def rerun_seconds() -> float:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.toggle(key="live_on").set_value(True).run()
    times = []
    for step in range(RERUNS):
        at.slider(key="live_ab").set_value(0.5 + 0.5 * (step % 30))
        at.run()
        times.append(float(at.session_state["script_seconds"]))
    assert not at.exception
    return statistics.median(times)


def first_render_seconds(script: Path, page_query: str = "") -> float:
    """A fresh server for `script`, a fresh browser page: request to the first table on screen."""
    from playwright.sync_api import expect, sync_playwright

    with streamlit_server(script) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        start = time.perf_counter()
        page.goto(f"{url}/{page_query}")
        expect(page.locator('[data-testid="stTable"]').first).to_be_visible(timeout=30_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def change_seconds() -> float:
    """Median time from one step of the live alpha/beta slider to the table showing it."""
    from playwright.sync_api import expect, sync_playwright

    with streamlit_server() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.goto(f"{url}/?live=3")
        header = page.locator('[data-testid="stTable"] table').first.locator("thead")
        expect(header).to_contain_text("EQD2 α/β 3", timeout=30_000)
        thumb = page.get_by_role("slider", name="Live alpha/beta (Gy)")
        times = []
        value = 3.0
        for _ in range(CHANGES):
            value += 0.5
            thumb.focus()
            start = time.perf_counter()
            page.keyboard.press("ArrowRight")
            expect(header).to_contain_text(f"EQD2 α/β {value:g}", timeout=10_000)
            times.append(time.perf_counter() - start)
        browser.close()
    return statistics.median(times)


MINIMAL_PAGE = """import pandas as pd
import streamlit as st

st.title("Minimal page")
st.table(pd.DataFrame({"a": ["1.00", "2.00"]}))
"""


def main() -> None:
    report("script rerun (median of 30)", rerun_seconds(), 0.050)
    if not Path(CHROMIUM).exists():
        print(f"browser measurements skipped: no Chromium at {CHROMIUM}")
        return
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal.py"
        minimal.write_text(MINIMAL_PAGE, encoding="utf-8")
        # Alternated, so that a change in the shared machine's load falls on both alike.
        pairs = [(first_render_seconds(REPO / "app.py"), first_render_seconds(minimal)) for _ in range(FRESH_SERVERS)]
    first, floor = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    report(f"cold first render (median of {FRESH_SERVERS} fresh servers)", first, 3.0)
    print(f"{'  (a title and one st.table, for scale)':<48} {floor * 1e3:8.1f} ms")
    # The load moves both; their ratio, from one run, is what compares across days.
    print(f"{'  cold first render / that floor':<48} {first / floor:8.2f}")
    report(f"alpha/beta change to table (median of {CHANGES})", change_seconds(), 0.300)


if __name__ == "__main__":
    main()
