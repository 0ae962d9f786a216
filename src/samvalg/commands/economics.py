"""``samvalg economics [FILE]``: baseline, savings scenarios, present value, cost sharing.

FILE is an assessment (TOML or workbook; default: the shipped example). Its optional
``[economics]`` table holds the settings, as for the criteria derived from the economics
(every key optional; docs/formats.md)::

    [economics]
    key = "population"            # or "equal", or { equal = 0.4, population = 0.6 }
    horizon = 10                  # years after the establishment year 0
    discount_rate = 0.04          # real; or "r109"
    phase_in = [0.25, 0.5, 0.75, 1.0]
    [economics.scenarios]         # name = saving share (default: the catalogue's [case]
    expected = 0.21               # evidence; without it 0.10, 0.21, 0.30, no source)
    [economics.establishment]     # one-off costs, whole kroner
    project_management = 1200000
    system_harmonisation = 1500000
    moving = 300000
    ict = 1000000
    spread = [1.0]
    [economics.staffing.<service>.<municipality>]   # staffing the catalogue has no figures for
    fte = 2.0
    nok = 1700000

The staffing today is the catalogue's (``--catalogue DIR``: the case's municipalities.toml).
The options override the file: ``--key``, ``--usage`` (volumes for the usage key),
``--horizon``, ``--rate`` and ``--include-grant``.
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path
from typing import Any

from samvalg.commands._common import (
    add_catalogue_argument,
    emit_json,
    load_assessment_or_example,
    load_catalogue_option,
)
from samvalg.errors import Problem, SamvalgError, ValidationError
from samvalg.text.economics import key_text, missing_text, note_text, scenario_analysis_record

NAME = "economics"
HELP = "baseline, savings scenarios, present value and cost-sharing keys (the [economics] table)"

#: The source of the plain scenarios used when neither the file nor the case gives any.
_NO_SOURCE = "ingen kilde: katalogen oppgir ingen innsparing; andelene er bare illustrasjoner"

#: Top-level tables of the separate economics file earlier versions read.
_OLD_FORMAT = {"settings", "usage", "split", "extra"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="assessment file whose [economics] table holds the settings (default: the example)",
    )
    p.add_argument(
        "--key",
        help="cost-sharing key: population, equal, usage, or a hybrid 'equal=0.4,population=0.6'",
    )
    p.add_argument(
        "--usage", help="volumes for the usage key, per municipality id: 'ID=1200,ID=2500,...'"
    )
    p.add_argument("--horizon", type=int, help="years after the establishment year (default 10)")
    p.add_argument("--rate", help="real discount rate (default 0.04, R-109/2021) or 'r109'")
    p.add_argument("--include-grant", action="store_true", help="count the project grant")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of the output: bokmål or English (nb)",
    )
    add_catalogue_argument(p)


def _pairs(text: str, what: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise SamvalgError(f"--{what}: expected 'name=number,...', got {text!r}")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise SamvalgError(f"--{what}: {value!r} is not a number (in {text!r})") from None
    return out


def _refuse_old_format(path: Path) -> None:
    """A file in the separate economics format earlier versions read is refused, saying where
    its settings go now (the assessment's ``[economics]`` table)."""
    if path.suffix.lower() != ".toml" or not path.is_file():
        return
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return  # the assessment loader reports it
    old = sorted(_OLD_FORMAT & set(data))
    if old and "meta" not in data:
        raise ValidationError(
            [
                Problem(
                    str(path),
                    old[0],
                    "a separate economics file is no longer read: the settings are the "
                    "assessment's [economics] table",
                    "an assessment file; [economics] keys key, horizon, discount_rate, "
                    "phase_in and tables scenarios, establishment, staffing (docs/formats.md); "
                    "--usage and --include-grant on the command line",
                )
            ]
        )


def _scenarios(shares: dict[str, float], cat: Any) -> list[Any]:
    """The settings' scenarios: the catalogue's where the share is theirs (with their source),
    else user-supplied ones."""
    from samvalg import economics as eco

    return [eco.named_scenario(name, share, cat) for name, share in shares.items()]


def build_analysis(args: argparse.Namespace) -> Any:
    """The :class:`~samvalg.economics.ScenarioAnalysis` the assessment's ``[economics]`` table
    and the options describe."""
    from samvalg import economics as eco
    from samvalg.assessment._derived import default_economics

    if args.file is not None:
        _refuse_old_format(args.file)
    cat = load_catalogue_option(args.catalogue)
    econ = None
    if args.file is not None or args.catalogue is None:
        # an assessment's [economics] table (the shipped example's without FILE); a region's
        # own catalogue without FILE: that catalogue with the default settings, since the
        # shipped example's services and municipalities are not that region's
        a = load_assessment_or_example(args.file, cat)
        cat, econ = a.catalogue, a.economics
    s = econ if econ is not None else default_economics(cat)
    key: Any = s.key
    if args.key:
        key = _pairs(args.key, "key") if "=" in args.key else args.key
    usage = _pairs(args.usage, "usage") if args.usage else None
    rate: Any = s.discount_rate
    if args.rate:
        try:
            rate = args.rate if args.rate == "r109" else float(args.rate)
        except ValueError:
            raise SamvalgError(f"--rate: {args.rate!r} is not a number or 'r109'") from None
    base = eco.baseline(cat, extra=dict(s.staffing) or None)
    given = {} if econ is None else dict(econ.scenarios)
    scenarios: Any = _scenarios(given, cat) if given else None
    if scenarios is None:  # the case's own evidence, as the briefing; else plain shares
        scenarios = list(eco.case_scenarios(cat).values()) or [
            eco.SavingsScenario(name, share, f"{share:.0%}", f"{share:.0%}", _NO_SOURCE)
            for name, share in (("low", 0.10), ("middle", 0.20), ("high", 0.30))
        ]
    return eco.scenario_analysis(
        base,
        scenarios=scenarios,
        establishment=s.establishment,
        phase_in=tuple(s.phase_in),
        horizon=args.horizon if args.horizon is not None else s.horizon,
        discount_rate=rate,
        include_grant=bool(args.include_grant),
        key=key,
        usage=usage,
        catalogue=cat,
    )


def _record(a: Any, lang: str) -> dict[str, Any]:
    """The JSON record, its prose (notes, missing areas) in ``lang``."""
    out = scenario_analysis_record(a)
    out["notes"] = [note_text(n, lang) for n in a.notes]
    out["baseline"]["notes"] = [note_text(n, lang) for n in a.baseline.notes]
    out["baseline"]["missing"] = {s: missing_text(c, lang) for s, c in a.baseline.missing.items()}
    return out


def run(args: argparse.Namespace) -> int:
    from samvalg._format import fmt_number, fmt_percent

    a = build_analysis(args)
    if args.json:
        emit_json(_record(a, args.lang), command=NAME, lang=args.lang)
        return 0
    nb = args.lang == "nb"
    b = a.baseline

    def kr(x: float) -> str:
        return fmt_number(x, args.lang, 0)

    case = getattr(b.catalogue, "case", None)
    year = None if case is None else case.budget_year
    print(
        ("Dagens bemanning og lønnskostnad" if nb else "Staffing and wage cost today")
        + ("" if year is None else (f" (budsjett {year})" if nb else f" (budget {year})"))
    )
    for g in b.groups:
        name = g.name_nb if nb else g.name_en
        print(
            f"  {name}: {fmt_number(float(g.total_fte), args.lang, 1)} "
            f"{'årsverk' if nb else 'FTE'}, {kr(g.total_nok)} kr"
        )
        if g.source:
            print(f"    {'kilde' if nb else 'source'}: {g.source}")
        for m in b.municipalities:
            fte = fmt_number(float(g.fte[m]), args.lang, 2)
            print(f"      {m:<16} {fte:>6}  {kr(g.nok[m]):>12}")
    for note in b.notes:
        print(f"  * {note_text(note, args.lang)}")
    print()
    rate = fmt_percent(float(a.discount_rate), args.lang, 1)
    print(
        (
            f"Gevinstscenarier, {a.horizon} år, kalkulasjonsrente {rate}, fordeling "
            f"{key_text(a.key, 'nb')}"
        )
        if nb
        else f"Savings scenarios, {a.horizon} years, discount rate {rate}, key "
        f"{key_text(a.key, 'en')}"
    )
    for r in a.scenarios.values():
        label = r.scenario.label_nb if nb else r.scenario.label_en
        print(f"  {label}")
        print(
            f"    {'full effekt' if nb else 'full effect'}: {kr(r.nok_saved_full)} kr/år, "
            f"{fmt_number(r.fte_saved_full, args.lang, 2)} {'årsverk' if nb else 'FTE'}; "
            f"{'nåverdi' if nb else 'present value'} {kr(r.present_value)} kr; "
            f"{'tilbakebetalt år' if nb else 'payback year'} {r.payback_year}"
        )
        for m, mr in r.municipalities.items():
            row = mr.full_effect[m]
            flag = ""
            if row.pays_more:
                flag = "  ⚠ betaler mer enn i dag" if nb else "  ⚠ pays more than today"
            share = (
                "–"
                if row.share_of_saving is None
                else fmt_percent(row.share_of_saving, args.lang, 1)
            )
            print(
                f"      {m:<16} {kr(row.before):>12} → {kr(row.after):>12}  "
                f"({'andel av gevinst' if nb else 'share of saving'} {share}; "
                f"{'nåverdi' if nb else 'PV'} {kr(mr.present_value)}){flag}"
            )
        print(f"    {'kilde' if nb else 'source'}: {r.scenario.source}")
    print()
    for note in a.notes:
        print(f"* {note_text(note, args.lang)}")
    return 0
