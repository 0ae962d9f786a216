"""A user's text is shown, never run: Markdown/HTML escaping in the briefing, control
characters refused, nesting and file-type limits, a capped error list, and plots that ignore a
hostile matplotlibrc and draw ``$...$`` literally (issue 10, items 6-8)."""

from __future__ import annotations

import functools
import html
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import samvalg
from _assessment_cases import valid
from _bad_files import to_toml
from samvalg.errors import MAX_SHOWN, Problem, SamvalgError, ValidationError
from samvalg.report import (
    Briefing,
    BulletList,
    Callout,
    DefinitionList,
    Figure,
    Paragraph,
    Section,
    Table,
    to_html,
    to_markdown,
)
from samvalg.report._model import literal

# Each would become markup if pasted into Markdown as is.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klikk her](http://evil.example)",
    "![bilde](http://evil.example/x.png)",
    "<http://evil.example>",
    "# Overskrift",
    "tekst\n# Overskrift etter linjeskift",
    "tekst\n- punkt etter linjeskift",
    "- punkt",
    "+ punkt",
    "1. nummerert",
    "7) nummerert",
    "> sitat",
    "---",
    "***",
    "___",
    "tekst\n===",
    "*kursiv* og _kursiv_ og __fet__ og **fet**",
    "`kode` og ```gjerde```",
    "~~~",
    "~~gjennomstreket~~",
    "&lt;b&gt; og &#60;i&#62; og &amp;",
    "[ref]: http://evil.example",
    "se [ref]",
    "    innrykket kode",
    "| a | b |",
    "C:\\mappe\\*.toml \\* \\\\",
    "tittel ##",
    "$x^2$ og $\\frac{ og $$",
    "kunde_nr og _start og slutt_",
]


def _tokens(md: str) -> list[Any]:
    out = []

    def walk(tokens: list[Any]) -> None:
        for t in tokens:
            out.append(t)
            if t.children:
                walk(t.children)

    walk(pytest.importorskip("markdown_it").MarkdownIt("commonmark").parse(md))
    return out


def _text_of(md: str) -> str:
    """What a CommonMark reader sees: the rendered HTML without tags, entities resolved."""
    rendered = pytest.importorskip("markdown_it").MarkdownIt("commonmark").render(md)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def _briefing(text: str) -> Briefing:
    """Every block kind, each carrying `text` (as the builder should: through literal())."""
    u = literal(text)
    return Briefing(
        title=u,
        subtitle=u,
        lang="nb",
        illustrative=False,
        banner="",
        data={},
        sections=(
            Section(
                "s1",
                u,
                (
                    Paragraph(u),
                    Paragraph(u, small=True),
                    BulletList((u, u)),
                    DefinitionList(((u, u),)),
                    Callout("note", u, u),
                    Table((u, "B"), ((u, "1"), ("x", u)), caption=u, note=u, emphasis=(0,)),
                    Figure("fig1", caption=u, alt=u, svg="<svg></svg>", png=b""),
                    Section("s2", u, (Paragraph("**fast fet** " + u),)),
                ),
            ),
        ),
    )


KINDS = {
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "hr",
    "code_block",
    "fence",
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "em_open",
    "strong_open",
    "code_inline",
    "table_open",
}


def _structure(md: str) -> list[str]:
    return [t.type for t in _tokens(md) if t.type in KINDS]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_markdown_makes_no_markup_from_text(text: str) -> None:
    """The rendered Markdown has exactly the structure of a harmless text, and reads back as
    the text itself (line breaks become spaces)."""
    md = to_markdown(_briefing(text))
    assert _structure(md) == _structure(to_markdown(_briefing("harmlos"))), md
    seen = _text_of(md)
    plain = " ".join(text.split())
    assert seen.count(plain) >= 10, (plain, seen)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_html_makes_no_markup_from_text(text: str) -> None:
    page = to_html(_briefing(text))
    body = page.split("<body>", 1)[1]
    reference = to_html(_briefing("harmlos")).split("<body>", 1)[1]
    tags = re.compile(r"<(/?[a-z0-9]+)")
    assert tags.findall(body) == tags.findall(reference)
    assert "<script" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert html.escape(text, quote=False) in body


def test_inline_markup_and_escapes() -> None:
    from samvalg.report._render import _md_inline, _spans

    assert _spans("a **b** c") == [(False, "a "), (True, "b"), (False, " c")]
    assert _spans(literal("a **b** c")) == [(False, "a **b** c")]
    assert _spans("****") == [(False, "****")]
    assert _spans("**open only") == [(False, "**open only")]
    assert (
        _md_inline("vertskommune:melhus og example_assessment.toml 12.5 (a) [usikker]")
        == "vertskommune:melhus og example_assessment.toml 12.5 (a) [usikker]"
    )
    assert _md_inline("# x", start=True) == "\\# x"
    assert _md_inline("#hashtag", start=True) == "#hashtag"
    assert _md_inline("-0,5", start=True) == "-0,5"
    assert _md_inline("2026. Vedtak", start=True) == "2026\\. Vedtak"


def test_the_shipped_briefing_reads_the_same_through_the_escaping() -> None:
    """Escaping changes no character of the shipped example's Markdown (same bytes)."""
    from samvalg.report import build_briefing

    md = to_markdown(build_briefing(n=200, figures=False))
    assert "\\" not in md  # nothing in the shipped text needed an escape
    assert md.count("**") % 2 == 0


def test_hostile_assessment_end_to_end(tmp_path: Path) -> None:
    """meta title, description, authors and stakeholder names from a file, through
    build_briefing: no tag, link, heading, list item or bold comes from them (the builder
    passes user text through :func:`~samvalg.report._model.literal`, the renderer escapes
    the rest), and a ``**pair**`` is shown as written.
    """
    from samvalg.report import build_briefing

    d = samvalg.example_assessment().to_dict()
    evil = (
        "<b>fet</b> [lenke](http://evil.example) ![b](x.png) <http://evil.example> "
        "`kode` _kursiv_ *kursiv* &lt; **pair**"
    )
    d["meta"]["title"] = "# " + evil
    d["meta"]["description"] = "- liste\n# Overskrift\n> sitat\n" + evil
    d["meta"]["authors"] = ["[ref]: http://evil.example", evil]
    d["meta"]["illustrative"] = False
    for i, st in enumerate(d["stakeholders"].values()):
        st["name"] = f"{i}. <i>x</i> [a](b) $\\frac{{ $$"
    a = samvalg.load_assessment(d)
    b = build_briefing(a, n=200, figures=False)
    md = to_markdown(b)
    harmless = samvalg.example_assessment().to_dict()
    harmless["meta"].update(
        title="Tittel", description="Beskrivelse", authors=["A", "B"], illustrative=False
    )
    for i, st in enumerate(harmless["stakeholders"].values()):
        st["name"] = f"Interessent {i}"
    reference = to_markdown(build_briefing(samvalg.load_assessment(harmless), n=200, figures=False))
    types = [t.type for t in _tokens(md)]
    assert "html_inline" not in types and "html_block" not in types
    links = [t.attrGet("href") for t in _tokens(md) if t.type == "link_open"]
    assert all(h.startswith("figures/") for h in links), links
    assert "evil.example" not in "".join(links)
    headings = sum(1 for t in _tokens(md) if t.type == "heading_open")
    assert headings == sum(1 for t in _tokens(reference) if t.type == "heading_open")
    for kind in ("em_open", "strong_open", "code_inline", "image", "bullet_list_open"):
        assert sum(t.type == kind for t in _tokens(md)) == sum(
            t.type == kind for t in _tokens(reference)
        ), kind
    seen = _text_of(md)
    assert "<b>fet</b> [lenke](http://evil.example)" in seen
    assert "**pair**" in seen
    page = to_html(b)
    assert "<b>fet</b>" not in page and "&lt;b&gt;fet&lt;/b&gt;" in page
    assert "**pair**" in page and "<strong>pair</strong>" not in page


# -- control characters -------------------------------------------------------------------------


def test_control_character_in_a_key_is_located_and_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samvalg.cli import main

    d = valid()
    d["meta"]["ti\x1b[2Jtle"] = d["meta"].pop("title")
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(d)
    found = [p for p in info.value.problems if "U+001B" in p.message]
    assert found and found[0].location == 'meta."ti\x1b[2Jtle"'
    assert "\x1b" not in str(info.value) and "\\x1b[2J" in str(info.value)
    path = tmp_path / "v.toml"
    path.write_text(to_toml(d), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and 'meta."ti\\x1b[2Jtle"' in err and "U+001B" in err


def test_a_file_name_with_control_characters_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samvalg.cli import main

    path = tmp_path / "v\x1b]0;pwned\x07\u202e.toml"
    path.write_text("schema_version = 1\n[meta\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", err), err
    assert "v\\x1b]0;pwned\\x07\\u202e.toml" in err


def test_tabs_and_line_breaks_are_fine_in_multi_line_text() -> None:
    d = valid()
    d["meta"]["description"] = "Linje 1\r\n\tLinje 2\nLinje 3"
    d["services"]["lonn"]["scores"]["oppgavefellesskap"]["fagmiljo"]["rationale"] = "a\n\tb"
    a = samvalg.load_assessment(d)
    assert a.meta.description.count("\n") == 2


def test_samvalg_error_messages_escape_control_characters() -> None:
    exc = SamvalgError("cannot read /tmp/\x1b[31mx.toml\nsecond line")
    assert str(exc) == "cannot read /tmp/\\x1b[31mx.toml\nsecond line"
    assert (
        str(Problem("a\x07.toml", "meta.\u202etitle", "bad\nvalue"))
        == "a\\x07.toml: meta.\\u202etitle: bad\\x0avalue"
    )


# -- nesting depth and what counts as a file -----------------------------------------------------


def _deep(n: int) -> dict[str, Any]:
    root: dict[str, Any] = {}
    cur = root
    for _ in range(n):
        cur["a"] = {}
        cur = cur["a"]
    return root


@pytest.mark.parametrize(
    "make",
    [
        lambda: {**valid(), "deep": _deep(5000)},
        lambda: {**valid(), "deep": functools.reduce(lambda v, _: [v], range(40), 1)},
        lambda: (lambda d: (d["meta"].__setitem__("self", d), d)[1])(valid()),
    ],
    ids=["dict 5000 deep", "list 40 deep", "self-referencing"],
)
def test_deeply_nested_mappings_are_a_located_error(make: Any) -> None:
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(make())
    (p,) = info.value.problems
    assert "more than 32 levels" in p.message or "contains itself" in p.message
    assert p.source == "<python>" and p.location


def test_a_cycle_with_two_branches_does_not_explode() -> None:
    """{"a": d, "b": d} inside d would be 2**32 paths to walk without cycle detection."""
    d = valid()
    d["meta"]["a"] = d
    d["meta"]["b"] = d
    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(d)
    assert [p.location for p in info.value.problems] == ["meta.a", "meta.b"]


def test_deeply_nested_replace_is_a_located_error() -> None:
    a = samvalg.load_assessment(valid())
    with pytest.raises(ValidationError, match="32 levels"):
        a.replace(meta={"title": "x", "deep": _deep(3000)})


CATALOGUE_FILE = "forms.toml"


def test_catalogue_deep_nesting_and_control_characters(tmp_path: Path) -> None:
    from samvalg._resources import criteria_dir

    folder = tmp_path / "cat"
    folder.mkdir()
    shipped = (Path(criteria_dir()) / CATALOGUE_FILE).read_text(encoding="utf-8")
    (folder / CATALOGUE_FILE).write_text(
        shipped + "\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="nest too deep"):
        samvalg.catalogue(folder)
    (folder / CATALOGUE_FILE).write_text(
        shipped + "\n[" + ".".join(["x"] * 40) + "]\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="32 levels"):
        samvalg.catalogue(folder)
    evil = shipped.replace('name_nb = "', 'name_nb = "\\u202e', 1)
    assert evil != shipped
    (folder / CATALOGUE_FILE).write_text(evil, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        samvalg.catalogue(folder)
    assert any(
        "U+202E" in p.message and p.location.endswith("name_nb") for p in info.value.problems
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_catalogue_file_that_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    target = folder / CATALOGUE_FILE
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to("/dev/zero")
    with pytest.raises(ValidationError) as info:
        samvalg.catalogue(folder)
    (p,) = info.value.problems
    assert p.source == CATALOGUE_FILE
    assert ("regular" in p.message + p.allowed) or "folder" in p.message


def test_a_fifo_never_blocks_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "v.toml"
    os.mkfifo(path)
    proc = subprocess.run(
        [sys.executable, "-m", "samvalg.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "named pipe" in proc.stderr and "Traceback" not in proc.stderr


# -- the error list is capped --------------------------------------------------------------------


def _many_problems() -> dict[str, Any]:
    d = valid()
    for i in range(70):
        d[f"ukjent_{i}"] = i
    return d


def test_error_list_is_capped_at_50(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from samvalg.cli import main

    with pytest.raises(ValidationError) as info:
        samvalg.load_assessment(_many_problems())
    exc = info.value
    total = len(exc.problems)
    assert total >= 70
    lines = exc.lines()
    assert len(lines) == MAX_SHOWN + 1 == 51
    assert lines[-1] == f"... and {total - 50} more problems ({total} in all)"
    text = str(exc)
    assert text.startswith(f"{total} problems:\n") and text.count("\n  - ") == 51
    assert text.endswith(lines[-1])
    path = tmp_path / "v.toml"
    path.write_text(to_toml(_many_problems()), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 51 and err[-1].endswith(f"({total} in all)")


def test_fifty_problems_are_all_shown() -> None:
    exc = ValidationError([Problem("f", str(i), "x") for i in range(50)])
    assert len(exc.lines()) == 50 and "more" not in str(exc)
    exc = ValidationError([Problem("f", str(i), "x") for i in range(51)])
    assert exc.lines()[-1] == "... and 1 more problem (51 in all)"


# -- plots: the project's rc, not the user's; $ is text -----------------------------------------

MATHY = ["$\\frac{$", "$\\frac{ og $$", "$$", "$x^2$", "pris $5 og $10", "a_b^c $\\alpha$"]


def test_dollar_signs_in_labels_draw_literally() -> None:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import numpy as np

    from samvalg.plot import plot_agreement

    m = np.eye(len(MATHY))
    ax = plot_agreement(m, MATHY)
    fig = ax.figure
    fig.canvas.draw()  # mathtext would raise on "$\\frac{$" here
    shown = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert any("$\\frac{" in s for s in shown)
    plt.close(fig)
    # the test can fail: with mathtext on, the same label does not draw
    fig2, ax2 = plt.subplots()
    ax2.set_title("$\\frac{$")
    with pytest.raises(ValueError):
        fig2.canvas.draw()
    plt.close(fig2)


_DRAW = """
import hashlib, io, numpy as np, matplotlib
matplotlib.use("Agg")
from samvalg.plot import plot_agreement, save_figure
ax = plot_agreement(np.eye(3), ["$x^2$", "Skaun", "Melhus"])
import tempfile, pathlib
out = pathlib.Path(tempfile.mkdtemp()) / "f"
(svg,) = save_figure(ax.figure, out, ("svg",))
print(hashlib.sha256(svg.read_bytes()).hexdigest())
"""

_HOSTILE_RC = """text.usetex: True
text.parse_math: True
svg.fonttype: none
font.size: 31
font.family: serif
axes.prop_cycle: cycler('color', ['r', 'g'])
savefig.format: pdf
"""


def _env(rc_dir: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MATPLOTLIBRC"}
    if rc_dir is not None:
        env["MATPLOTLIBRC"] = str(rc_dir)
    return env


def test_a_hostile_matplotlibrc_changes_no_plot(tmp_path: Path) -> None:
    rc = tmp_path / "rc"
    rc.mkdir()
    (rc / "matplotlibrc").write_text(_HOSTILE_RC, encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-c", _DRAW],
            capture_output=True,
            text=True,
            timeout=120,
            env=_env(d),
            check=False,
        )
        for d in (None, rc)
    ]
    for r in runs:
        assert r.returncode == 0, r.stderr
    assert runs[0].stdout == runs[1].stdout  # the same bytes, the user's rc ignored


def test_brief_runs_under_a_usetex_matplotlibrc(tmp_path: Path) -> None:
    """No LaTeX is installed here: with text.usetex honoured, every figure would fail."""
    rc = tmp_path / "rc"
    rc.mkdir()
    (rc / "matplotlibrc").write_text(_HOSTILE_RC + "backend: TkAgg\n", encoding="utf-8")
    out = tmp_path / "brief"
    r = subprocess.run(
        [sys.executable, "-m", "samvalg.cli", "brief", "--n", "200", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(rc),
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert len(list((out / "figures").glob("*.svg"))) >= 10
