"""Issue 13.2: one meaning of question 2, «I hvilken form?», in every place.

Question 1 is view ``whether`` (strategy and gain criteria), question 2 is view ``form`` (the
model criteria over the lawful formal forms) and ``combined`` is a third, labelled comparison.
The API, the CLI, the briefing, the README, the docs and the notebooks must agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import samvalg
from samvalg.cli import main
from samvalg.report import build_briefing
from samvalg.report._model import Paragraph, Section, Table

ROOT = Path(__file__).resolve().parents[1]
CANON = (
    "question 2 (*in which form?*) is view `form`: the model criteria over the formal forms the "
    "law allows"
)
NO_COOP = ("egen_drift", "fagnettverk")


@pytest.fixture(scope="module")
def briefing():
    return build_briefing(n=200, seed=0, figures=False)


@pytest.fixture(scope="module")
def ev():
    return samvalg.evaluate(samvalg.example_assessment())


def _answer(sev) -> str | None:
    """Question 2's answer as the definition states it, computed from the views directly."""
    first = sev["whether"].best
    if first is not None and first.split(":")[0] in NO_COOP:
        return first
    form = sev["form"]
    lawful = [o for o in form.order if form.feasible[form.options.index(o)]]
    return lawful[0] if lawful else None


def test_recommendation_is_the_top_lawful_option_of_form(ev) -> None:
    for sid, sev in ev.items():
        assert sev.recommendation == _answer(sev), sid


def test_briefing_question2_answer_equals_evaluate_form(briefing, ev) -> None:
    rows = {row["service"]: row for row in briefing.data["summary"]}
    assert set(rows) == set(ev)
    for sid, sev in ev.items():
        assert rows[sid]["recommendation"] == _answer(sev), sid
        assert rows[sid]["view"] == "form", sid  # robustness is reported for the same view
        # the chapter's question-2 table emphasises exactly that option, in first place
        sec = briefing.section(f"{sid}-form")
        table = next(b for b in sec.blocks if isinstance(b, Table))
        assert table.emphasis == (0,), sid
        assert table.rows[0][0] == "1"


def test_briefing_shows_combined_as_a_labelled_third_table(briefing, ev) -> None:
    for sid, sev in ev.items():
        sec = briefing.section(f"{sid}-combined")
        assert sec.title == "Til sammenligning: samlet vurdering (alle kriteriesett)"
        texts = " ".join(b.text for b in sec.blocks if isinstance(b, Paragraph))
        assert "ikke svaret på spørsmål 2" in texts
        if sev["combined"].best != sev["form"].best:
            assert "mens spørsmål 2 gir" in texts, sid


def test_briefing_counts_criteria_from_the_catalogue(briefing) -> None:
    cat = samvalg.catalogue()
    about = briefing.section("about")
    text = " ".join(b.text for b in about.blocks if isinstance(b, Paragraph))
    n_model = len(cat.criteria_sets["model"].criteria)
    assert f"I hvilken form?** ({n_model} kriterier" in text


def test_cli_evaluate_recommends_question2_first_lawful(capsys, ev) -> None:
    assert main(["evaluate", "--service", "kart_oppmaling"]) == 0
    out = capsys.readouterr().out
    q2 = out.split("Spørsmål 2")[1]
    first = next(line for line in q2.splitlines() if line.strip().startswith("1."))
    rec = out.split("Anbefaling:")[1].strip().splitlines()[0]
    assert rec in first
    label = samvalg.catalogue().forms[ev["kart_oppmaling"].recommendation.split(":")[0]]
    assert str(label.name_nb).split(" ")[0] in rec


@pytest.mark.parametrize("path", ["README.md", "docs/methods.md", "docs/user-guide.md"])
def test_docs_state_the_one_definition(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert " ".join(CANON.split()) in " ".join(text.split()), path
    assert "*In which form?* (view `combined`)" not in text
    assert "best lawful option of the `combined` view" not in text


def test_notebook_uses_form_for_question2() -> None:
    nb = json.loads((ROOT / "notebooks/01_quickstart.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"])
    assert 'i hvilken form?* (`"form"`' in text
    assert 'view = lonn["form"]' in text


def test_cli_defaults_follow_the_briefing() -> None:
    import argparse

    from samvalg.commands import allocate, group, sensitivity, smaa

    for mod in (smaa, sensitivity, group, allocate):
        p = argparse.ArgumentParser()
        mod.add_arguments(p)
        defaults = {a.dest: a.default for a in p._actions}
        # smaa's "auto" is the view of the briefing's recommendation (form, or whether where
        # not cooperating is best), checked in tests/test_cli_json.py against the briefing
        assert defaults["view"] == ("auto" if mod.__name__.endswith(".smaa") else "form"), (
            mod.__name__
        )


def test_sections_are_sections(briefing) -> None:
    assert isinstance(briefing.section("lonn-form"), Section)


@pytest.mark.slow
def test_smaa_cli_defaults_give_the_briefings_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """``samvalg smaa --service S`` with its defaults (view auto) reproduces the briefing's first
    SMAA-2 table of S: same view, same rank acceptabilities for the same n and seed."""
    data = build_briefing(n=400, seed=3, figures=False).data
    for service in ("lonn", "sentralbord"):
        tables = data["services"][service]["smaa"]
        first = next(iter(tables.values()))
        capsys.readouterr()
        assert main(["smaa", "--service", service, "--n", "400", "--seed", "3", "--json"]) == 0
        cli = json.loads(capsys.readouterr().out)
        assert cli["view"] == first["view"], service
        assert cli["options"] == first["options"], service
        assert cli["smaa"] == first["smaa"], service
