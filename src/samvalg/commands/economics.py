"""``samvalg economics [FILE]``: baseline, savings scenarios, present value, cost sharing.

FILE is an optional economics file (TOML) replacing the defaults; every table is optional and
unknown keys are errors::

    schema_version = 1
    [settings]
    horizon = 10                  # years after the establishment year 0
    discount_rate = 0.04          # real; or "r109"
    phase_in = [0.25, 0.5, 0.75, 1.0]
    include_grant = false         # the 1.1 MNOK project grant as income in year 0
    key = "population"            # or "equal", "usage", or { equal = 0.4, population = 0.6 }
    groups = ["lonn_regnskap_fakturering", "sentralbord", "arkiv_postmottak"]
    [scenarios]                   # name = saving share (default: the catalogue's [case]
                                  # evidence; without it plain 0.10, 0.21, 0.30, no source)
    expected = 0.21
    [establishment]               # whole kroner (default: illustrative placeholders)
    project_management = 1200000
    system_harmonisation = 1500000
    moving = 300000
    ict = 1000000
    spread = [1.0]
    [usage]                       # volumes for the "usage" key
    skaun = 1200
    [split.lonn_regnskap_fakturering]   # split of a grouped table into services
    lonn = 0.5
    [extra.byggesak.skaun]        # staffing for areas the case has no figures for
    fte = 2.0
    nok = 1700000
"""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path
from typing import Any

from samvalg.commands._common import add_catalogue_argument, load_catalogue_option
from samvalg.errors import Problem, SamvalgError, ValidationError
from samvalg.text.economics import key_text, note_text, scenario_analysis_record

NAME = "economics"
HELP = "baseline, savings scenarios, present value and cost-sharing keys"

#: The source of the plain scenarios used when neither the file nor the case gives any.
_NO_SOURCE = "ingen kilde: katalogen oppgir ingen innsparing; andelene er bare illustrasjoner"

_TOP = {"schema_version", "settings", "scenarios", "establishment", "usage", "split", "extra"}
_SETTINGS = {"horizon", "discount_rate", "phase_in", "include_grant", "key", "groups"}
_ESTABLISHMENT = {"project_management", "system_harmonisation", "moving", "ict", "spread"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, nargs="?", help="economics file (TOML); default: defaults")
    p.add_argument(
        "--key",
        help="cost-sharing key: population, equal, usage, or a hybrid 'equal=0.4,population=0.6'",
    )
    p.add_argument(
        "--usage", help="volumes for the usage key, per municipality id: 'ID=1200,ID=2500,...'"
    )
    p.add_argument("--horizon", type=int, help="years after the establishment year (default 10)")
    p.add_argument("--rate", help="real discount rate (default 0.04, R-109/2021) or 'r109'")
    p.add_argument("--include-grant", action="store_true", help="count the 1.1 MNOK grant")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("nb", "en"), default="nb")
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


def _read_file(path: Path) -> dict[str, Any]:
    src = str(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise SamvalgError(f"{src}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError([Problem(src, "", f"not valid TOML: {exc}")]) from None
    problems = []
    for key in data:
        if key not in _TOP:
            problems.append(Problem(src, key, "unknown table", ", ".join(sorted(_TOP))))
    if data.get("schema_version", 1) != 1:
        problems.append(Problem(src, "schema_version", f"{data['schema_version']!r}", "1"))
    for key in data.get("settings", {}):
        if key not in _SETTINGS:
            problems.append(
                Problem(src, f"settings.{key}", "unknown key", ", ".join(sorted(_SETTINGS)))
            )
    for key in data.get("establishment", {}):
        if key not in _ESTABLISHMENT:
            problems.append(
                Problem(
                    src, f"establishment.{key}", "unknown key", ", ".join(sorted(_ESTABLISHMENT))
                )
            )
    if problems:
        raise ValidationError(problems)
    return data


def build_analysis(args: argparse.Namespace) -> Any:
    """The :class:`~samvalg.economics.ScenarioAnalysis` the arguments and file describe."""
    from samvalg import economics as eco

    data = _read_file(args.file) if args.file is not None else {}
    cat = load_catalogue_option(args.catalogue)
    settings = dict(data.get("settings", {}))
    key: Any = settings.get("key", "population")
    if args.key:
        key = _pairs(args.key, "key") if "=" in args.key else args.key
    usage = data.get("usage")
    if args.usage:
        usage = _pairs(args.usage, "usage")
    rate: Any = settings.get("discount_rate", eco.DISCOUNT_RATE)
    if args.rate:
        try:
            rate = args.rate if args.rate == "r109" else float(args.rate)
        except ValueError:
            raise SamvalgError(f"--rate: {args.rate!r} is not a number or 'r109'") from None
    horizon = args.horizon if args.horizon is not None else settings.get("horizon", 10)
    est = data.get("establishment")
    establishment = None
    if est is not None:
        fields = {k: v for k, v in est.items() if k != "spread"}
        if "spread" in est:
            fields["spread"] = tuple(est["spread"])
        establishment = eco.EstablishmentCosts(**fields)
    base = eco.baseline(cat, split=data.get("split"), extra=data.get("extra"))
    groups = settings.get("groups")
    scenarios: Any = data.get("scenarios")
    if scenarios is None:  # the case's own evidence, as the briefing; else plain shares
        scenarios = list(eco.case_scenarios(cat).values()) or [
            eco.SavingsScenario(name, share, f"{share:.0%}", f"{share:.0%}", _NO_SOURCE)
            for name, share in (("low", 0.10), ("middle", 0.21), ("high", 0.30))
        ]
    return eco.scenario_analysis(
        base,
        scenarios=scenarios,
        groups=None if groups is None else tuple(groups),
        establishment=establishment,
        phase_in=tuple(settings.get("phase_in", eco.DEFAULT_PHASE_IN)),
        horizon=horizon,
        discount_rate=rate,
        include_grant=bool(args.include_grant or settings.get("include_grant", False)),
        key=key,
        usage=usage,
        catalogue=cat,
    )


def run(args: argparse.Namespace) -> int:
    from samvalg._format import fmt_number, fmt_percent

    a = build_analysis(args)
    if args.json:
        print(json.dumps(scenario_analysis_record(a), ensure_ascii=False, indent=2))
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
