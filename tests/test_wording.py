"""Issue 13.6 and 13.7: pluss-minus reported honestly, and the briefing's wording.

On DFØ's pluss-minus scale a critical score is reported in whole scale steps ("fra +++ til
++"), never as a fraction of a step; the DFØ synthesis (labels side by side, never summed)
stands beside the weighted model; dates are written out; no unsupported claims remain in the
shipped example.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import samvalg
from samvalg.assessment._scales import Scale
from samvalg.report import build_briefing, to_markdown
from samvalg.report._model import Table
from samvalg.report._sections.sensitivity import _steps_line

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def md() -> str:
    return to_markdown(build_briefing(n=200, figures=False))


class _B:
    """The part of the briefing context _steps_line reads."""

    lang = "nb"

    def opt(self, o):
        return o

    def crit(self, c):
        return c


@pytest.mark.parametrize(
    ("score", "direction", "change", "expected"),
    [
        (3, "decrease", 0.64, "endret ett trinn på skalaen, fra +++ til ++"),
        (3, "decrease", 1.0, "endret 2 trinn på skalaen, fra +++ til +,"),  # 1 step only ties
        (-1, "increase", 2.3, "endret 3 trinn på skalaen, fra - til ++"),
        (3, "increase", 1.2, "selv ytterst på skalaen (++++)"),
    ],
)
def test_plus_minus_in_whole_steps(score, direction, change, expected) -> None:
    c = {"option": "a", "criterion": "k", "score": score, "direction": direction, "change": change}
    text = _steps_line(_B(), c, Scale("plus_minus"), "b")  # type: ignore[arg-type]
    assert expected in text
    assert "0,64" not in text and "med" not in text.split(":")[1].split("endret")[0]


def test_dfo_synthesis_beside_the_weighted_model() -> None:
    b = build_briefing(n=200, figures=False)
    sec = b.section("lonn-dfo")
    table = next(x for x in sec.blocks if isinstance(x, Table))
    a = samvalg.example_assessment()
    m = a.matrix("lonn", "gains")
    assert len(table.rows) == len(m.option_ids)
    labels = {c for r in table.rows for c in r[1:]}
    assert labels <= {"–", "0", "+", "++", "+++", "++++", "-", "--", "---", "----"}
    assert "summerer dem ikke" in sec.blocks[0].text
    assert "vektede modellen" in sec.blocks[0].text


def test_wording(md: str) -> None:
    assert "27. november 2026" in md and "2026-11-27" not in md
    assert "startverdi" in md and "frø" not in md
    assert "gir opp" not in md and "koster" in md
    assert "Værnes" not in md and "landbrukskontor" not in md
    # the strategy criteria are named as Skaun's, with the case number, from the catalogue
    assert "Skauns samarbeidsstrategi" in md and "sak 74/24" in md


def test_example_has_no_unsupported_claims() -> None:
    text = (ROOT / "examples" / "example_assessment.toml").read_text(encoding="utf-8")
    assert "Værnesregionen" not in text
    assert "landbrukskontor" not in text
