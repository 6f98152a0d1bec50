"""The web page in a real headless Chromium (Debian's `chromium`, driven by Playwright's Python API).

Runs when /usr/bin/chromium and the playwright package are installed (`.ci/run` installs the
browser); skipped otherwise. Playwright never downloads a browser here: it is pointed at
Debian's. Set OUTLINE_EXTRACTOR_SCREENSHOT=1 to write docs/screenshot.png (README's picture).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, SHARED

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("fastapi", reason="the serve extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def seed_text() -> str:
    seeds = sorted((SHARED / "seeds").glob("000_*.txt")) if SHARED.is_dir() else []
    path = seeds[0] if seeds else FIXTURES / "county_speech.txt"
    return path.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """`outline-extractor serve` on a free loopback port, as a user starts it."""
    port = free_port()
    env = {**os.environ, "OUTLINE_EXTRACTOR_API_KEY": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "outline_extractor", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None or time.perf_counter() - started > 20:
                    pytest.fail(f"the server did not start: {process.stderr.read().decode(errors='replace')}")
                time.sleep(0.02)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def api_outline(url: str, text: str) -> str:
    request = urllib.request.Request(
        f"{url}/v1/parse?format=outline",
        data=json.dumps({"text": text}).encode(),
        headers={"content-type": "application/json"},
    )
    return urllib.request.urlopen(request, timeout=30).read().decode("utf-8").strip()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def test_page_parses_pasted_text_and_highlights_the_source(server, browser, tmp_path):
    text = seed_text()
    page = browser.new_page(viewport={"width": 1280, "height": 1500})
    page.goto(server + "/")
    assert page.title().startswith("提纲提取")
    page.fill("#text", text)
    page.click("#submit")
    page.wait_for_selector("#tree li .node-title", timeout=20_000)

    # the 【提纲】 line is the API's own
    summary = page.inner_text("#summary").strip()
    assert summary.startswith("【提纲】")
    assert summary == api_outline(server, text)

    # the title and the tree with levels and markers
    assert page.inner_text("#info")
    first = page.locator("#tree .node-title").first
    marker = first.locator(".marker").inner_text()
    assert marker and marker in summary
    assert page.locator("#tree .level").first.inner_text() == "第1级"

    # a click on the first heading highlights its line in the source
    first.click()
    hit = page.locator("#source .src-line.hit")
    assert hit.count() == 1
    title = first.inner_text().replace(marker, "", 1).strip()
    assert hit.inner_text().split("\n", 1)[-1].strip().startswith(marker + title[:6])

    # keyboard: Tab onto the second heading, Enter highlights it
    second = page.locator("#tree .node-title").nth(1)
    second.focus()
    page.keyboard.press("Enter")
    second_marker = second.locator(".marker").inner_text()
    assert page.locator("#source .src-line.hit .txt").inner_text().startswith(second_marker)

    # collapse the first branch with the keyboard
    toggle = page.locator("#tree > li > .node-row > .toggle").first
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#tree > li").first.locator(":scope > ul").is_hidden()
    page.keyboard.press("Enter")
    assert page.locator("#tree > li").first.locator(":scope > ul").is_visible()

    # a diagnostic with a line highlights that line
    diagnostic = page.locator("#diagnostics button").first
    if diagnostic.count():
        diagnostic.click()
        assert page.locator("#source .src-line.hit").count() == 1

    first.click()
    page.evaluate("window.scrollTo(0, 0)")
    shot = tmp_path / "screenshot.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("OUTLINE_EXTRACTOR_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")
    page.close()


def test_page_fits_a_phone_and_reports_errors(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + "/")
    page.click("#submit")  # nothing pasted
    assert "请先粘贴" in page.inner_text("#error")
    page.fill("#text", seed_text())
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#tree li .node-title", timeout=20_000)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a phone screen"
    page.close()


def test_page_reads_a_chosen_file(server, browser):
    """A GBK file given to the file field is parsed on the server at once."""
    page = browser.new_page(viewport={"width": 1024, "height": 800})
    page.goto(server + "/")
    page.set_input_files("#file", str(FIXTURES / "hardwrapped_gbk.txt"))
    page.wait_for_selector("#tree li .node-title", timeout=20_000)
    assert "hardwrapped_gbk.txt" in page.inner_text("#file-name")
    assert "gb18030" in page.inner_text("#info")
    assert page.inner_text("#summary").startswith("【提纲】一、统一思想，认清形势。")
    page.close()

