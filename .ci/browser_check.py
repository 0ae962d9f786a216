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
* the live what-if works: for each of samvalg's own methods the script moves one weight
  control (a criterion weight, and for WSM also a set weight) to just below and just above
  the weight at which :func:`samvalg.sensitivity.sensitivity_service` says the top option
  changes, and checks that the page's top option is the old one below and the new one above;
  the reset button restores the starting weights and top; in print media the controls are
  hidden;

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
# Page count bounds for the shipped example's print of index.html (the councils' paginated
# document is briefing.pdf, made by typst and held to 10-60 pages by tests/test_documents.py).
# Measured on 2026-12-05 with Debian's Chromium: 62 pages -- the front matter (one-page
# summary, about, contents, summary with the host and cost-share figures, forms, weights,
# economics), 2 bundle chapters and 10 service-area chapters that each start on a new page
# and take 4 to 5 (recommendation and legal reasons; pluss-minus; value contributions, SMAA-2
# and sensitivity with their figures; agreement and staffing), then method notes and
# uncertain legal facts. Until then the print counted 58 pages only because Chromium shrank
# pages whose tables were wider than A4; every table now fits the text width (checked above)
# and nothing is shrunk. Fewer than 25 pages means chapters went missing; more than 75 (about
# 1.2 times the measured count) means the print layout broke, e.g. figures blown up to a page
# each or tables spilling a few rows per page.
MIN_PAGES = 25
MAX_PAGES = 75

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


# How far below and above a crossover the what-if control is set (weights are 0..1).
WHATIF_EPS = 1e-7

_WHATIF_SET_JS = """
const [panelId, method, kind, param, value] = arguments;
const panel = document.querySelector(`.whatif[data-panel="${panelId}"]`);
if (!panel) return {error: 'no what-if panel for ' + panelId};
const radio = panel.querySelector(`input[type=radio][value="${method}"]`);
if (!radio) return {error: 'no method control ' + method};
if (!radio.checked) { radio.checked = true; radio.dispatchEvent(new Event('change')); }
if (kind === 'reset') {
  panel.querySelector('button.whatif-reset').click();
} else {
  const input = panel.querySelector(
    `input[type=range][data-kind="${kind}"][data-param="${param}"]`);
  if (!input) return {error: `no ${kind} control ${param}`};
  input.value = String(value);
  input.dispatchEvent(new Event('input', {bubbles: true}));
}
const first = panel.querySelector('tbody tr');
const slider = kind === 'reset' ? null : panel.querySelector(
  `input[type=range][data-kind="${kind}"][data-param="${param}"]`);
return {top: panel.getAttribute('data-top'), row: first && first.getAttribute('data-option'),
        rank: first && first.getAttribute('data-rank'),
        value: slider ? parseFloat(slider.value) : null};
"""

_WHATIF_STATE_JS = """
return {ready: document.documentElement.getAttribute('data-whatif'),
        panels: document.querySelectorAll('.whatif').length,
        bundle_panels: document.querySelectorAll('.whatif[data-kind="bundle"]').length,
        bundle_ids: [...document.querySelectorAll('.whatif[data-kind="bundle"]')]
          .map(e => e.getAttribute('data-panel')),
        controls: document.querySelectorAll('.whatif input[type=range]').length,
        ticks: document.querySelectorAll('.whatif .whatif-tick').length};
"""


def _whatif_cases(artifacts: Path) -> list[tuple[str, str, str, str, float, str, str]]:
    """For each method, one weight whose crossover moves the top: (service area or bundle,
    weight, method, kind, crossover weight, top below, top above), from samvalg.sensitivity
    itself; and for every bundle, one for WSM and one for VIKOR where there is one."""
    import json

    import samvalg
    from samvalg.methods import METHODS
    from samvalg.sensitivity import sensitivity_service

    data = json.loads((artifacts / "briefing" / "data.json").read_text(encoding="utf-8"))
    views = {sid: svc.get("view") for sid, svc in data["services"].items()}
    a = samvalg.example_assessment()
    cases = []
    order = list(views.items())
    for k, method in enumerate(METHODS):
        kinds = ["criterion", "set"] if method == "wsm" else ["criterion"]
        # each method starts its search at another service area, so the cases spread out
        rotated = order[3 * k :] + order[: 3 * k]
        for kind in kinds:
            found = None
            for sid, view in rotated:
                if view is None:
                    continue
                sens = sensitivity_service(a, sid, view=view, method=method)
                sweeps = sens.criterion_sweeps if kind == "criterion" else sens.set_sweeps
                for sw in sweeps.values():
                    th = sw.increase
                    if th is None or th.weight > 0.9 or th.absolute < 1e-3:
                        continue
                    near = [c for c in sw.crossovers if 0 < abs(c.t - th.weight) < 1e-4]
                    if not near:
                        found = (sid, sw.parameter, method, kind, th.weight, sw.top, th.new_top)
                        break
                if found:
                    break
            if found:
                cases.append(found)
    # bundles: each member evaluated alone, combined by the bundle's rule, in the page
    from samvalg.sensitivity import sensitivity_bundle

    for bid, rec in data.get("bundles", {}).items():
        if rec.get("view") is None:
            continue
        for method in ("wsm", "vikor"):
            sens = sensitivity_bundle(a, bid, view=rec["view"], method=method, scores=False)
            for sw in sens.criterion_sweeps.values():
                th = sw.increase
                if th is None or th.weight > 0.9 or th.absolute < 1e-3:
                    continue
                if not [c for c in sw.crossovers if 0 < abs(c.t - th.weight) < 1e-4]:
                    cases.append(
                        (bid, sw.parameter, method, "criterion", th.weight, sw.top, th.new_top)
                    )
                    break
    return cases


def _check_whatif(driver: WebDriver, artifacts: Path, problems: list[str]) -> None:
    state = driver.execute_script(_WHATIF_STATE_JS)
    if state["ready"] != "ready" or state["panels"] == 0 or state["controls"] == 0:
        problems.append(f"the live what-if did not start: {state}")
        return
    print(
        f"what-if: {state['panels']} panels ({state['bundle_panels']} of bundles), "
        f"{state['controls']} weight controls, "
        f"{state['ticks']} crossover marks"
    )
    cases = _whatif_cases(artifacts)
    methods = {c[2] for c in cases}
    if "wsm" not in methods or len(methods) < 2:
        problems.append(f"what-if: no crossover to test for WSM and a non-linear method ({cases})")
    bundles = [c for c in cases if c[0] in state["bundle_ids"]]
    if state["bundle_panels"] and not bundles:
        problems.append("what-if: no crossover to test in a bundle's panel")
    for sid, param, method, kind, t_star, before, after in cases:
        where = f"what-if {sid}/{method}: {kind} {param} at {t_star:.9f}"
        below = driver.execute_script(_WHATIF_SET_JS, sid, method, kind, param, t_star - WHATIF_EPS)
        above = driver.execute_script(_WHATIF_SET_JS, sid, method, kind, param, t_star + WHATIF_EPS)
        for got, want, side in ((below, before, "below"), (above, after, "above")):
            if "error" in got:
                problems.append(f"{where}: {got['error']}")
            elif got["top"] != want or got["row"] != want or got["rank"] != "1":
                problems.append(
                    f"{where}: just {side} the crossover the page puts {got['top']!r} "
                    f"(first row {got['row']!r}) on top; samvalg.sensitivity says {want!r}"
                )
        reset = driver.execute_script(_WHATIF_SET_JS, sid, method, "reset", "", 0)
        if reset.get("top") != before:
            problems.append(f"{where}: reset gives {reset.get('top')!r} on top, not {before!r}")
        if not problems:
            print(f"{where}: {before} below, {after} above, reset ok")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = driver.execute_script(
        "return [...document.querySelectorAll('.whatif')]"
        ".filter(e => getComputedStyle(e).display !== 'none').length"
    )
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    if shown:
        problems.append(f"what-if: {shown} panels are shown in print media (should be hidden)")


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


# In print media, lay the body out at A4's text width (210 mm less the 14 mm side margins of
# the page's @page rule) and list every table whose right edge passes it: a cut-off column.
PRINT_TEXT_WIDTH = "182mm"
_TABLE_FIT_JS = """
const body = document.body;
const old = body.style.width;
body.style.width = arguments[0];
const limit = body.getBoundingClientRect().right + 1;
const out = [];
for (const t of document.querySelectorAll('table')) {
  const r = t.getBoundingClientRect();
  if (r.width > 0 && r.right > limit) {
    const cap = t.querySelector('caption');
    const name = (cap ? cap.textContent : t.textContent).trim().slice(0, 90);
    out.push({name: name, over: r.right - limit});
  }
}
body.style.width = old;
return out;
"""


def _check_print_widths(driver: WebDriver, problems: list[str]) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        wide = driver.execute_script(_TABLE_FIT_JS, PRINT_TEXT_WIDTH)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    for w in wide:
        problems.append(
            f"print: table {w['name']!r} is {w['over']:.0f}px wider than the A4 text width "
            f"({PRINT_TEXT_WIDTH}); its last column would be cut"
        )
    if not wide:
        print(f"print: every table fits the A4 text width ({PRINT_TEXT_WIDTH})")


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
            _check_whatif(driver, artifacts, problems)
            _check_print_widths(driver, problems)
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
