"""The council briefing: files, self-containedness, language, numbers equal to the analyses."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

import samvalg
from samvalg._format import fmt_number, fmt_percent
from samvalg._resources import example_assessment_path
from samvalg.cli import main
from samvalg.report import (
    SMAA_SETTINGS,
    Briefing,
    Table,
    build_briefing,
    to_html,
    to_markdown,
    write_briefing,
)

N = 2000


@pytest.fixture(scope="module")
def cli_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`samvalg brief` on the example (bokmål), once for the module: folder and stdout."""
    out = tmp_path_factory.mktemp("brief") / "out"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["brief", "--out", str(out), "--n", str(N), "--seed", "0"]) == 0
    return out, buf.getvalue()


@pytest.fixture(scope="module")
def cli_run(cli_output: tuple[Path, str]) -> Path:
    return cli_output[0]


@pytest.fixture(scope="module")
def data(cli_run: Path) -> dict:
    return json.loads((cli_run / "data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(cli_run: Path) -> str:
    return (cli_run / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def english() -> Briefing:
    return build_briefing(lang="en", n=N, figures=False)


def test_cli_writes_every_file(cli_run: Path, data: dict) -> None:
    for name in ("index.html", "briefing.md", "data.json"):
        assert (cli_run / name).stat().st_size > 0
    assert data["figures"], "the briefing has figures"
    for fig_id in data["figures"]:
        assert (cli_run / "figures" / f"{fig_id}.svg").stat().st_size > 0
    # PNG only with --png: the HTML inlines the SVG, the Markdown embeds it and links no PNG
    assert sorted(p.suffix for p in (cli_run / "figures").iterdir()) == [".svg"] * len(
        data["figures"]
    )
    md = (cli_run / "briefing.md").read_text(encoding="utf-8")
    assert "[PNG]" not in md and ".png" not in md
    assert f"(figures/{data['figures'][0]}.svg)" in md


@pytest.mark.slow
def test_png_on_request_and_removed_by_a_run_without_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["brief", "--out", str(out), "--n", "300", "--seed", "0"]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main([*args, "--png"]) == 0
    figs = json.loads((out / "data.json").read_text(encoding="utf-8"))["figures"]
    manifest = json.loads((out / ".samvalg-briefing.json").read_text(encoding="utf-8"))["files"]
    md = (out / "briefing.md").read_text(encoding="utf-8")
    svgs = {}
    for fig_id in figs:
        assert (out / "figures" / f"{fig_id}.png").read_bytes().startswith(b"\x89PNG")
        assert f"figures/{fig_id}.png" in manifest
        assert f"([PNG](figures/{fig_id}.png))" in md
        svgs[fig_id] = (out / "figures" / f"{fig_id}.svg").read_bytes()
    (out / "figures" / "mine.png").write_bytes(b"the user's own")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(args) == 0
    # the PNGs the first run wrote are in its manifest, so this run removes them; the user's
    # file is kept and the SVGs are the same bytes with or without PNG copies
    left = sorted(p.name for p in (out / "figures").iterdir())
    assert left == sorted(["mine.png", *(f"{f}.svg" for f in figs)])
    assert (out / "figures" / "mine.png").read_bytes() == b"the user's own"
    manifest = json.loads((out / ".samvalg-briefing.json").read_text(encoding="utf-8"))["files"]
    assert not any(f.endswith(".png") for f in manifest)
    assert "[PNG]" not in (out / "briefing.md").read_text(encoding="utf-8")
    assert {f: (out / "figures" / f"{f}.svg").read_bytes() for f in figs} == svgs


def test_cli_prints_where_and_one_line_per_service(cli_output: tuple[Path, str]) -> None:
    folder, out = cli_output
    assert "ILLUSTRATIVT EKSEMPEL" in out
    assert str(folder / "index.html") in out
    ev = samvalg.evaluate(samvalg.example_assessment())
    lines = [ln for ln in out.splitlines() if ln.startswith("  ")]
    assert len(lines) == len(ev) + len(ev.bundles)  # one per service area and per bundle
    # the bundles first (they decide their members), by name, with SMAA-2's first-rank share
    data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    for line, (bid, bev) in zip(lines, ev.bundles.items(), strict=False):
        s = data["bundles"][bid]["smaa"][data["bundles"][bid]["view"]]["smaa"]
        share = s["rank_acceptability"][s["alternatives"].index(bev.recommendation)][0]
        assert line.startswith(f"  Pakke {bev.name_nb} (")
        assert line.replace("\u00a0", " ").endswith(f"(øverst i {round(share * 100)} %)")
    assert lines[1].startswith("  Pakke Arkiv og postmottak (Arkiv + Postmottak): Kommunalt ")
    # a member still shows its own answer, marked as decided in its bundle
    assert any(
        ln.startswith("  Lønn: Administrativt vertskommunesamarbeid (Midtre Gauldal)")
        and ln.endswith("[alene; avgjøres i pakken Lønn, regnskap og fakturering]")
        for ln in lines
    )
    assert not any("avgjøres i pakken" in ln for ln in lines if ln.startswith("  Sentralbord"))


def test_html_is_self_contained(page: str, data: dict) -> None:
    # the only scripts: the embedded what-if data (JSON) and its inline script, nothing loaded
    scripts = re.findall(r"<script\b[^>]*>", page, re.I)
    assert scripts == ['<script type="application/json" id="samvalg-whatif-data">', "<script>"]
    assert not re.search(r"<link\b", page, re.I)
    external = re.findall(r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//""", page, re.I)
    assert external == []
    assert "@import" not in page and "url(http" not in page
    # every figure is inline SVG, with ids made unique per figure
    for fig_id in data["figures"]:
        assert f'id="figure-{fig_id}"' in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "duplicate ids across inline SVGs"
    # the law's address is only text in the reference list
    assert "https://lovdata.no" in page
    assert 'href="https://lovdata.no' not in page


def test_html_prints_on_a4_with_breaks(page: str) -> None:
    assert "size: A4" in page
    assert "page-break-before: always" in page
    assert page.count('class="page-break"') >= len(samvalg.example_assessment().services)
    assert "page-break-inside: avoid" in page


def test_illustrative_banner_is_unmissable(page: str, cli_run: Path) -> None:
    assert 'class="running-banner"' in page  # stays on screen while scrolling
    assert "@top-center" in page  # in the top margin of every printed page
    assert page.count("ILLUSTRATIVT EKSEMPEL") >= 2
    md = (cli_run / "briefing.md").read_text(encoding="utf-8")
    assert "ILLUSTRATIVT EKSEMPEL" in md.split("## ")[0]


def test_no_banner_when_not_illustrative() -> None:
    a = samvalg.example_assessment()
    plain = a.replace(meta=a.meta.model_copy(update={"illustrative": False}))
    b = build_briefing(plain, n=50, figures=False)
    page = to_html(b)
    assert not b.illustrative
    assert 'class="running-banner"' not in page and "ILLUSTRATIVT" not in page


def test_service_names_and_letters_intact(page: str, cli_run: Path) -> None:
    cat = samvalg.catalogue()
    md = (cli_run / "briefing.md").read_text(encoding="utf-8")
    for sid in samvalg.example_assessment().services:
        assert cat.services[sid].name_nb in page
        assert cat.services[sid].name_nb in md
    for word in (
        "Lønn",
        "Byggesaksbehandling",
        "Kart- og oppmåling",
        "Økonomi",
        "Sårbarhet".lower(),
    ):
        assert word in page
    # the what-if's JSON escapes only <, > and & (as \u003c, \u003e, \u0026) and its script
    # writes a no-break space as \u00a0; letters are written as they are everywhere
    static, scripts = page.split("<script", 1)
    assert "Ã" not in page and "\\u00" not in static
    assert "Lønn" in scripts and "\\u00f8" not in scripts and "\\u00e5" not in scripts


def test_norwegian_number_format(page: str, data: dict) -> None:
    row = data["summary"][0]
    assert fmt_percent(row["first_rank_acceptability"], "nb") in page
    ev = samvalg.evaluate(samvalg.example_assessment())
    lonn = ev["lonn"]
    value = lonn["combined"].value_of(lonn.recommendation)
    assert fmt_number(value, "nb", 3) in page
    assert re.search(r"<td class=\"r\">0,\d{3}</td>", page)
    assert not re.search(r"<td class=\"r\">0\.\d{3}</td>", page)
    assert "2\u00a0000 trekninger" in page  # thousands with a (no-break) space


def test_english_headings_and_numbers(english: Briefing) -> None:
    page = to_html(english)
    for heading in (
        "Summary",
        "Question 1: Should we cooperate?",
        "Question 2: In which form?",
        "How certain is the answer? (SMAA-2)",
        "Sources",
    ):
        assert heading in page
    assert "ILLUSTRATIVE EXAMPLE" in page
    assert ">Sammendrag<" not in page  # (the case's own section names are cited as written)
    assert re.search(r"<td class=\"r\">0\.\d{3}</td>", page)
    assert '<html lang="en">' in page


def test_data_equals_the_analyses(data: dict) -> None:
    a = samvalg.example_assessment()
    ev = samvalg.evaluate(a)
    from samvalg.smaa import smaa_service

    for sid in ("lonn", "byggesak"):
        d = data["services"][sid]
        view = d["view"]
        assert view == "form"  # question 2 (issue 13.2)
        for row in d["evaluation"]["views"][view]["options"]:
            assert row["value"] == ev[sid][view].value_of(row["option"])
        r = smaa_service(a, sid, view=view, n=N, seed=0, **SMAA_SETTINGS)
        got = d["smaa"][view]["smaa"]["rank_acceptability"]
        np.testing.assert_array_equal(np.array(got), r.rank_acceptability)
        row = next(x for x in data["summary"] if x["service"] == sid)
        i = r.options.index(ev[sid].recommendation)
        assert row["first_rank_acceptability"] == float(r.result.first_rank[i])
        assert row["confidence_factor"] == float(r.result.confidence[i])


def test_summary_recommendation_is_evaluates(data: dict, page: str) -> None:
    from samvalg.catalogue._labels import option_label

    ev = samvalg.evaluate(samvalg.example_assessment())
    assert [r["service"] for r in data["summary"]] == list(ev)
    for row in data["summary"]:
        assert row["recommendation"] == ev[row["service"]].recommendation
        assert option_label(row["recommendation"], "nb") in page
    # never a legally infeasible recommendation
    assert all(r["legal_status"] in ("ok", "conditional") for r in data["summary"])


def test_data_records_the_run(data: dict) -> None:
    path = example_assessment_path()
    assert data["input"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert data["input"]["name"] == path.name
    assert "path" not in data["input"], "data.json records the file's name, not where it is"
    assert data["seed"] == 0 and data["n"] == N and data["method"] == "wsm"
    assert data["samvalg_version"] == samvalg.__version__
    assert data["input"]["illustrative"] is True
    assert all(data["analyses"].values())
    assert data["uncertain_legal_facts"], "the catalogue marks some facts uncertain"
    assert "Skårene" in json.dumps(data, ensure_ascii=False) or "Lønn" in json.dumps(
        data, ensure_ascii=False
    )


def test_same_seed_same_files(tmp_path: Path) -> None:
    w1 = write_briefing(tmp_path / "a", n=300, seed=7, figures=False)
    w2 = write_briefing(tmp_path / "b", n=300, seed=7, figures=False)
    assert w1.data.read_bytes() == w2.data.read_bytes()
    assert w1.html.read_bytes() == w2.html.read_bytes()
    w3 = write_briefing(tmp_path / "c", n=300, seed=8, figures=False)
    d1 = json.loads(w1.data.read_text(encoding="utf-8"))
    d3 = json.loads(w3.data.read_text(encoding="utf-8"))
    assert [r["first_rank_acceptability"] for r in d1["summary"]] != [
        r["first_rank_acceptability"] for r in d3["summary"]
    ]


def test_markdown_links_figures(cli_run: Path, data: dict) -> None:
    md = (cli_run / "briefing.md").read_text(encoding="utf-8")
    for fig_id in data["figures"]:
        assert f"](figures/{fig_id}.svg)" in md
    assert md.count("\n## ") >= 10


def test_bad_assessment_exit_2_located(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\n[meta]\ntitel = "x"\n', encoding="utf-8")
    assert main(["brief", "--assessment", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "bad.toml: meta.titel" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()
    assert main(["brief", "--assessment", str(tmp_path / "missing.toml")]) == 2
    assert "missing.toml: no such file" in capsys.readouterr().err


def test_bad_arguments() -> None:
    with pytest.raises(samvalg.SamvalgError, match="lang"):
        build_briefing(lang="de", n=10, figures=False)
    with pytest.raises(samvalg.SamvalgError, match="n"):
        build_briefing(n=0, figures=False)
    with pytest.raises(SystemExit):
        main(["brief", "--n", "0"])


def test_table_rows_must_match_header() -> None:
    with pytest.raises(ValueError, match="row 0"):
        Table(("a", "b"), (("1",),))


def test_markdown_of_model_only() -> None:
    b = build_briefing(n=50, figures=False, lang="en")
    md = to_markdown(b)
    assert md.startswith("# Decision briefing")
    assert "| Service area |" in md
    assert b.section("methods").title == "Method"


@pytest.mark.parametrize("method", ["vikor", "promethee_ii"])
def test_other_methods(method: str) -> None:
    b = build_briefing(n=100, method=method, figures=False)
    ev = samvalg.evaluate(samvalg.example_assessment(), method=method)
    assert [r["recommendation"] for r in b.data["summary"]] == [ev[s].recommendation for s in ev]
    page = to_html(b)
    assert "ikke additiv" in page  # no per-criterion split for these methods
    if method == "vikor":
        assert "lavere er bedre" in page


def test_savings_scenarios_are_named_once(cli_run: Path, english: Briefing) -> None:
    """A savings example is named once in a scenario's name and in the table caption: never
    "Som Som AKST (...) (21 %) (21 %)" (the scenario's label, which carries its share, put into
    a sentence that adds the word and the share again)."""
    from samvalg.report import to_markdown

    doubled = re.compile(r"\b(Som|As) (Som|As)\b|som i Som|as in As|\(\d+\s?%\) \(\d+\s?%\)")
    nb = (cli_run / "briefing.md").read_text(encoding="utf-8")
    en = to_markdown(english)
    for text in (nb, en):
        assert not doubled.search(text), doubled.search(text)
    assert re.search(r"\| Som AKST \(Arendal og Grimstad\) \(21\s%\) \|", nb)
    assert re.search(r"som i AKST \(Arendal og Grimstad\), med ulike fordelingsnøkler", nb)
    assert re.search(r"\| As AKST \(Arendal og Grimstad\) \(21%\) \|", en)


def test_hosting_table_says_bundles_decide_for_their_members(cli_run: Path, data: dict) -> None:
    """The hosting table counts a bundle's member by the bundle's recommendation (as "Kort
    fortalt" does), so its intro must not say "område for område" when there are bundles."""
    md = (cli_run / "briefing.md").read_text(encoding="utf-8")
    hosts = md.split("### Vertskommuner og balanse", 1)[1].split("\n### ", 1)[0]
    assert "for en tjeneste i en pakke gjelder pakkens anbefaling" in hosts
    assert "område for område" not in hosts
