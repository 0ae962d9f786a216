"""Open the council briefing in a real browser and print it, as a person would.

Run by ``make browser-check`` (an extra CI step after ``make test``; never part of
``make test``, which needs only Python and pip) as::

    .venv/bin/python .ci/browser_check.py ci-artifacts

It expects ``ci-artifacts/briefing/index.html`` (written by ``samvalg brief`` on the shipped
example) and drives Debian's headless Chromium through ``/usr/bin/chromedriver`` with Selenium.
The driver path is given explicitly, so Selenium Manager never looks for or downloads a driver
or a browser. It checks that

* the page loads with no console error (browser log entries of level SEVERE) and asks for
  nothing outside itself;
* every figure renders: each ``<img>`` has ``naturalWidth > 0`` and each inline ``<svg>`` a
  non-zero box with drawn content;
* the illustrative banner is visible at the top of the page;

then prints the page to PDF (Chrome DevTools ``Page.printToPDF``, A4) as
``ci-artifacts/briefing.pdf``, checks its page count with ``pdfinfo`` and renders page 1 to
``ci-artifacts/briefing-page1.png`` with ``pdftoppm``. Any failure exits 1 with one line per
problem.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# The flags the machine's own probe starts Chromium with: without the background-networking
# ones Chromium keeps trying to reach Google's hosts through a closed network.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1024",
)
# A4 in inches, for Page.printToPDF (the page's own @page rule also says A4).
A4_INCHES = (8.27, 11.69)
# Page count bounds for the shipped example (10 service areas, 33 figures: 3 shared, and per
# chapter value contributions, SMAA-2 rank acceptability and the threshold tornado). Measured
# on 2026-11-27 with Debian's Chromium 156: 42 pages (38 with 13 figures, before the rank
# acceptability and tornado figures came back) -- 6 of front matter (about, contents,
# summary with the host and cost-share figures, weights), then each of the 10 service-area
# chapters starts on a new page and takes 3 to 4 (recommendation and legal reasons; value
# contributions, SMAA-2 and sensitivity with their figures; agreement and staffing), then
# method notes and uncertain legal facts with sources (2). The bounds still hold: fewer than
# 25 pages means chapters went missing (10 chapters cannot fit in less than 2 pages each plus
# the front matter); more than 60 (about 1.5 times the measured count) means the print
# layout broke, e.g. figures blown up to a page each or tables spilling a few rows per page.
MIN_PAGES = 25
MAX_PAGES = 60

# Collect every figure on the page with what it needs to count as rendered.
_FIGURES_JS = """
const out = [];
for (const img of document.querySelectorAll('img')) {
  const r = img.getBoundingClientRect();
  out.push({kind: 'img', id: img.closest('figure')?.id || img.alt || img.src.slice(0, 60),
            complete: img.complete, natural: img.naturalWidth, width: r.width,
            height: r.height, drawn: 1});
}
for (const svg of document.querySelectorAll('svg')) {
  if (svg.parentElement.closest('svg')) continue;  // only outermost <svg> elements
  const r = svg.getBoundingClientRect();
  out.push({kind: 'svg', id: svg.closest('figure')?.id || svg.id || '(svg)',
            complete: true, natural: 1, width: r.width, height: r.height,
            drawn: svg.querySelectorAll('path, rect, line, polyline, polygon, circle, '
                                        + 'ellipse, text, use, image').length});
}
return out;
"""

_BANNER_JS = """
const el = document.querySelector('.callout.illustrative');
if (!el) return null;
const r = el.getBoundingClientRect();
const s = getComputedStyle(el);
return {top: r.top + window.scrollY, width: r.width, height: r.height,
        display: s.display, visibility: s.visibility, opacity: s.opacity,
        text: el.innerText.slice(0, 120), viewport: window.innerHeight};
"""

_RESOURCES_JS = """
return performance.getEntriesByType('resource').map(e => e.name)
  .filter(n => !n.startsWith('data:') && !n.startsWith('blob:'));
"""


def _driver(profile: Path) -> WebDriver:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=CHROMEDRIVER)
    return webdriver.Chrome(options=options, service=service)


def _check_page(driver: WebDriver, page: Path, problems: list[str]) -> None:
    driver.get(page.resolve().as_uri())
    deadline = time.monotonic() + 30
    while driver.execute_script("return document.readyState") != "complete":
        if time.monotonic() > deadline:
            problems.append(f"{page}: not loaded after 30 s")
            return
        time.sleep(0.1)

    title = driver.title
    print(f"loaded {page} ({title!r})")

    logs = driver.get_log("browser")
    errors = [e for e in logs if e.get("level") == "SEVERE"]
    for e in errors:
        problems.append(f"console error: {e.get('message')}")
    print(f"console: {len(logs)} messages, {len(errors)} errors")

    outside = driver.execute_script(_RESOURCES_JS)
    for name in outside:
        problems.append(f"the page loaded a resource from outside itself: {name}")

    figures = driver.execute_script(_FIGURES_JS)
    n_figure_tags = driver.execute_script("return document.querySelectorAll('figure').length")
    if not figures:
        problems.append("no <img> or <svg> on the page: the briefing has no figures")
    bad = 0
    for f in figures:
        why = []
        if not f["complete"] or f["natural"] <= 0:
            why.append(f"image not decoded (naturalWidth {f['natural']})")
        if f["width"] <= 0 or f["height"] <= 0:
            why.append(f"empty box {f['width']:.0f}x{f['height']:.0f}")
        if f["drawn"] <= 0:
            why.append("nothing drawn inside")
        if why:
            bad += 1
            problems.append(f"figure {f['id']} ({f['kind']}) does not render: {'; '.join(why)}")
    with_graphic = driver.execute_script(
        "return [...document.querySelectorAll('figure')]"
        ".filter(f => f.querySelector('img, svg')).length"
    )
    if with_graphic != n_figure_tags:
        problems.append(
            f"{n_figure_tags - with_graphic} of {n_figure_tags} <figure> elements "
            "hold neither <img> nor <svg>"
        )
    print(
        f"figures: {len(figures)} graphics in {n_figure_tags} <figure> elements, "
        f"{len(figures) - bad} render"
    )

    banner = driver.execute_script(_BANNER_JS)
    if banner is None:
        problems.append("no illustrative banner (.callout.illustrative) on the shipped example")
    else:
        shown = driver.find_element("css selector", ".callout.illustrative").is_displayed()
        if not shown or banner["visibility"] != "visible" or float(banner["opacity"]) < 1:
            problems.append(f"the illustrative banner is hidden ({banner})")
        elif banner["width"] <= 0 or banner["height"] <= 0:
            problems.append(f"the illustrative banner has an empty box ({banner})")
        elif banner["top"] > banner["viewport"]:
            problems.append(
                f"the illustrative banner is not on the first screen: it starts at "
                f"{banner['top']:.0f}px, the window is {banner['viewport']}px high"
            )
        else:
            print(f"banner: visible at {banner['top']:.0f}px: {banner['text'].splitlines()[0]}")


def _print_pdf(driver: WebDriver, pdf: Path) -> None:
    result = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {
            "paperWidth": A4_INCHES[0],
            "paperHeight": A4_INCHES[1],
            "preferCSSPageSize": True,
            "printBackground": True,
            "displayHeaderFooter": False,
        },
    )
    pdf.write_bytes(base64.b64decode(result["data"]))


def _page_count(pdf: Path, problems: list[str]) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    if info.returncode != 0:
        problems.append(f"pdfinfo {pdf} failed: {info.stderr.strip()}")
        return 0
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    size = re.search(r"^Page size:\s+(.*)$", info.stdout, re.M)
    if pages is None:
        problems.append(f"pdfinfo {pdf} printed no page count")
        return 0
    n = int(pages.group(1))
    print(f"pdf: {pdf} -- {n} pages, {size.group(1) if size else 'size unknown'}")
    if size is not None and "A4" not in size.group(1):
        problems.append(f"{pdf} is not A4: {size.group(1)}")
    if not MIN_PAGES <= n <= MAX_PAGES:
        problems.append(
            f"{pdf} has {n} pages; expected {MIN_PAGES}..{MAX_PAGES} for the "
            "shipped example (see MIN_PAGES/MAX_PAGES in .ci/browser_check.py)"
        )
    return n


def _page_one_png(pdf: Path, png: Path, problems: list[str]) -> None:
    prefix = png.with_suffix("")
    run = subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "110",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0 or not png.is_file() or png.stat().st_size == 0:
        problems.append(f"pdftoppm could not render page 1 of {pdf}: {run.stderr.strip()}")
    else:
        print(f"page 1: {png}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(
            "usage: browser_check.py ARTIFACTS_DIR (holding briefing/index.html)", file=sys.stderr
        )
        return 2
    started = time.monotonic()
    artifacts = Path(argv[0])
    page = artifacts / "briefing" / "index.html"
    pdf = artifacts / "briefing.pdf"
    png = artifacts / "briefing-page1.png"
    problems: list[str] = []
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).is_file():
            problems.append(f"{tool} is missing: install Debian's chromium and chromium-driver")
    if not page.is_file():
        problems.append(f"{page} is missing: run `samvalg brief --out {artifacts}/briefing`")
    if problems:
        return _report(problems, started)

    with tempfile.TemporaryDirectory(prefix="samvalg-chromium-") as profile:
        driver = _driver(Path(profile))
        try:
            _check_page(driver, page, problems)
            _print_pdf(driver, pdf)
        finally:
            driver.quit()
    _page_count(pdf, problems)
    _page_one_png(pdf, png, problems)
    return _report(problems, started)


def _report(problems: list[str], started: float) -> int:
    elapsed = time.monotonic() - started
    if problems:
        print(f"browser check FAILED ({len(problems)} problems, {elapsed:.1f} s):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(f"browser check passed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
