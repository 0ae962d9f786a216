"""A second case built from scratch: another region's catalogue folder and assessment.

:func:`init_case` builds it the way a user would: ``samvalg init`` with the municipalities,
the service areas and the case's own criteria sets, then the skeleton's score lines, the
weights, the stakeholders' own weights and the staffing filled in (:func:`fill_assessment`,
:func:`fill_staffing`). :func:`write_case` writes the same kind of case directly (for any
number of municipalities).

Four municipalities of Innherred (Levanger, Verdal, Frosta, Inderøy), two service areas (payroll
and "renovasjon", a service area the shipped catalogue does not have, in a service group of its
own), criteria sets of 3 + 2 + 3 criteria and an assessment scoring them, with stakeholders for
the group analysis. The forms and the feasibility rules are the shipped ones (the folder holds
no ``forms.toml`` or ``feasibility.toml``), so the shipped pairs for service areas this case does
not have must be skipped with a note.

Every number is made up for the tests; nothing here describes a real case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "MUNICIPALITIES",
    "SERVICES",
    "SHIPPED_NAMES",
    "fill_assessment",
    "fill_staffing",
    "init_argv",
    "init_case",
    "municipalities",
    "options",
    "write_assessment",
    "write_case",
    "write_catalogue",
    "write_criteria",
]

Municipalities = dict[str, tuple[str, str, int, dict[str, tuple[str, int]]]]

#: id -> (name, kommunenummer, population, staffing per group: (fte, nok))
MUNICIPALITIES: Municipalities = {
    "levanger": (
        "Levanger",
        "5037",
        20_500,
        {"lonn": ("4.0", 3_200_000), "renovasjon": ("3.0", 2_400_000)},
    ),
    "verdal": (
        "Verdal",
        "5038",
        15_100,
        {"lonn": ("3.5", 2_800_000), "renovasjon": ("2.5", 2_000_000)},
    ),
    "frosta": ("Frosta", "5036", 2_650, {"lonn": ("1.0", 800_000), "renovasjon": ("0.5", 400_000)}),
    "inderoy": (
        "Inderøy",
        "5053",
        6_900,
        {"lonn": ("1.5", 1_200_000), "renovasjon": ("1.0", 800_000)},
    ),
}
SERVICES = ("lonn", "renovasjon")
#: Names of the shipped case that must not appear in the second case's output.
SHIPPED_NAMES = ("Skaun", "Melhus", "Midtre Gauldal", "midtre_gauldal")

_PROVENANCE = """[provenance]
document = "Testsak for Innherred (oppdiktet)"
section = "-"
date = "2026"
notes = "Made up for the tests."
"""

_SETS = {
    "strategy": (
        ("Innherredsstrategien", "The Innherred strategy"),
        [
            ("lavere_kostnad", "Lavere kostnad", "Lower cost"),
            ("faglig_kvalitet", "Faglig kvalitet", "Professional quality"),
            ("robusthet", "Robusthet", "Robustness"),
        ],
    ),
    "gains": (
        ("Gevinster", "Gains"),
        [
            ("innsparing", "Innsparing", "Savings"),
            ("mindre_sarbar", "Mindre sårbar", "Less vulnerable"),
        ],
    ),
    "model": (
        ("Modellkriterier", "Model criteria"),
        [
            ("styring", "Styring", "Governance"),
            ("lik_innflytelse", "Lik innflytelse", "Equal influence"),
            ("omstilling", "Omstillingsevne", "Adaptability"),
        ],
    ),
}


def municipalities(n: int) -> Municipalities:
    """``n`` made-up municipalities (``kommune_01`` ... ) with population and staffing."""
    return {
        f"kommune_{k:02d}": (
            f"Testkommune {k}",
            f"{9800 + k}",
            1000 * (k + 1),
            {"lonn": (f"{1 + k % 3}.0", 800_000 * (1 + k % 3)), "renovasjon": ("1.0", 800_000)},
        )
        for k in range(1, n + 1)
    }


def options(munis: Municipalities = MUNICIPALITIES) -> tuple[str, ...]:
    """The options of every service area: own operation, a network, each host, an IKS."""
    return ("egen_drift", "fagnettverk", *(f"vertskommune:{m}" for m in munis), "iks")


def write_criteria(path: Path) -> Path:
    """Write the case's own criteria_sets.toml (3 + 2 + 3 criteria) to ``path``."""
    lines = ["schema_version = 1", _PROVENANCE]
    for set_id, ((nb, en), crits) in _SETS.items():
        lines += [
            f"[sets.{set_id}]",
            f'name_nb = "{nb}"',
            f'name_en = "{en}"',
            'source = "test"',
            "",
        ]
        for cid, cnb, cen in crits:
            lines += [
                f"[[sets.{set_id}.criteria]]",
                f'id = "{cid}"',
                f'name_nb = "{cnb}"',
                f'name_en = "{cen}"',
                f'description_nb = "Høy skår: bedre {cnb.lower()}."',
                f'description_en = "A high score: better {cen.lower()}."',
                'direction = "benefit"',
                'source = "test"',
                "",
            ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_catalogue(folder: Path, munis: Municipalities = MUNICIPALITIES) -> Path:
    """Write criteria_sets.toml, services.toml and municipalities.toml into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    write_criteria(folder / "criteria_sets.toml")

    (folder / "services.toml").write_text(
        "schema_version = 1\n"
        + _PROVENANCE
        + """
[services.lonn]
name_nb = "Lønn"
name_en = "Payroll"
group = "administrativ"

[services.lonn.public_authority]
value = "no"
decisions = []
section = "ingen"
uncertain = false

[services.renovasjon]
name_nb = "Renovasjon"
name_en = "Waste collection"
group = "teknisk_drift"
notes = "A service group the shipped catalogue does not have."

[services.renovasjon.public_authority]
value = "partly"
decisions = ["renovasjonsgebyr (forurensningsloven § 34)"]
section = "forurensningsloven § 34"
uncertain = false

[[services.renovasjon.laws]]
name = "forurensningsloven"
section = "§ 30, § 34"
uncertain = false
""",
        encoding="utf-8",
    )

    totals: dict[str, list[float]] = {s: [0.0, 0.0] for s in SERVICES}
    muni_lines: list[str] = []
    for mid, (name, number, population, staffing) in munis.items():
        muni_lines += [
            f"[municipalities.{mid}]",
            f'name = "{name}"',
            f'kommunenummer = "{number}"',
            "",
            f"[[municipalities.{mid}.population.entries]]",
            f"value = {population}",
            "date = 2025-01-01",
            'source = "test"',
            "uncertain = false",
            "",
        ]
        for group, (fte, nok) in staffing.items():
            totals[group][0] += float(fte)
            totals[group][1] += nok
            muni_lines += [
                f"[[municipalities.{mid}.staffing]]",
                f'group = "{group}"',
                f"fte = {fte}",
                f"nok = {nok}",
                "",
            ]
    groups = []
    for group, (fte_total, nok_total) in totals.items():
        name_nb, name_en = ("Lønn", "Payroll") if group == "lonn" else ("Renovasjon", "Waste")
        groups += [
            f"[staffing_groups.{group}]",
            f'name_nb = "{name_nb}"',
            f'name_en = "{name_en}"',
            f'services = ["{group}"]',
            'source = "test"',
            f"group_total = {{ fte = {round(fte_total, 1)}, nok = {int(nok_total)} }}",
            "",
        ]
    (folder / "municipalities.toml").write_text(
        "\n".join(
            [
                "schema_version = 1",
                _PROVENANCE,
                "[region]",
                'name = "Innherred"',
                "",
                "[region.population]",
                f"value = {sum(m[2] for m in munis.values())}",
                "date = 2025-01-01",
                'source = "test"',
                "uncertain = false",
                "",
                *groups,
                *muni_lines,
            ]
        ),
        encoding="utf-8",
    )
    return folder


def _score(set_id: str, option: str, k: int, s: int) -> str:
    """A made-up but varied score for (service s, option, criterion k)."""
    if set_id == "gains":
        if option == "egen_drift":
            return '"0"'
        labels = ["-", "0", "+", "++", "+++"]
        return f'"{labels[(len(option) + 2 * k + s) % 5]}"'
    if set_id == "model" and option in ("egen_drift", "fagnettverk"):
        return '"na"'
    return str(1 + (len(option) * 3 + 5 * k + 2 * s) % 5)


def write_assessment(path: Path, munis: Municipalities = MUNICIPALITIES) -> Path:
    """Write the case's assessment TOML (scores, weights, four municipal stakeholders)."""
    lines = [
        "schema_version = 1",
        "",
        "[meta]",
        'title = "Innherred: testvurdering"',
        "illustrative = true",
        'description = "Oppdiktet vurdering for testene."',
        'date = "2026-12-01"',
        'authors = ["test"]',
        "",
        "[scales]",
        'strategy = { kind = "numeric", min = 1, max = 5 }',
        'gains = { kind = "plus_minus" }',
        'model = { kind = "numeric", min = 1, max = 5 }',
        "",
        "[weights.sets]",
        'method = "points"',
        "points = { strategy = 40, gains = 30, model = 30 }",
        "",
        "[weights.strategy]",
        'method = "points"',
        "points = { lavere_kostnad = 40, faglig_kvalitet = 35, robusthet = 25 }",
        "",
        "[weights.gains]",
        'method = "equal"',
        "",
        "[weights.model]",
        'method = "swing"',
        "swing = { styring = 100, lik_innflytelse = 80, omstilling = 50 }",
        "",
    ]
    all_options = options(munis)
    for s, sid in enumerate(SERVICES):
        opts = ", ".join(f'"{o}"' for o in all_options)
        lines += [f"[services.{sid}]", f"options = [{opts}]", ""]
        for option in all_options:
            lines.append(f'[services.{sid}.scores."{option}"]')
            for set_id, (_, crits) in _SETS.items():
                for k, (cid, _, _) in enumerate(crits):
                    value = _score(set_id, option, k, s)
                    if value == '"na"':
                        lines.append(f"{cid} = {value}")
                    else:
                        lines.append(f'{cid} = {{ value = {value}, rationale = "Testskår." }}')
            lines.append("")
    for m, (mid, (name, *_)) in enumerate(munis.items()):
        points = {
            "lavere_kostnad": 20 + 10 * (m % 4),
            "faglig_kvalitet": 30,
            "robusthet": 50 - 10 * (m % 4),
        }
        lines += [
            f"[stakeholders.{mid}]",
            f'name = "{name} kommune"',
            'role = "municipality"',
            f'municipality = "{mid}"',
            "",
            f"[stakeholders.{mid}.weights.strategy]",
            'method = "points"',
            "points = { " + ", ".join(f"{k} = {v}" for k, v in points.items()) + " }",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_case(root: Path, munis: Municipalities = MUNICIPALITIES) -> tuple[Path, Path]:
    """Write the catalogue folder and the assessment under ``root``; returns both paths."""
    folder = write_catalogue(root / "katalog", munis)
    assessment = write_assessment(root / "vurdering.toml", munis)
    return folder, assessment


# ------------------------------------------------------------------- the case by `samvalg init`
def init_argv(root: Path, criteria: Path) -> list[str]:
    """The ``samvalg init`` command line of the case: folder ``root / "innherred"``."""
    argv = ["init", str(root / "innherred"), "--criteria", str(criteria), "--plus-minus", "gains"]
    for mid, (name, number, population, _) in MUNICIPALITIES.items():
        argv += ["--municipality", f"{mid}:{name}:{number}:{population}"]
    argv += ["--service", "lonn", "--service", "renovasjon:Renovasjon:Waste collection"]
    argv += ["--authority", "renovasjon=partly", "--region", "Innherred"]
    argv += ["--title", "Innherred: testvurdering", "--form", "egen_drift", "--form"]
    argv += ["fagnettverk", "--form", "vertskommune", "--form", "iks"]
    return argv


_CELL = re.compile(r"^#([a-z][a-z0-9_]*) =( +)#", re.MULTILINE)
_SECTION = re.compile(r'^\[services\.([a-z_]+)\.scores\."?([a-z_:]+)"?\]$', re.MULTILINE)


def fill_assessment(path: Path) -> int:
    """Fill every score line of the skeleton at ``path`` as a user would (uncomment, write the
    value), set the weights and give each municipality's stakeholder own strategy weights.
    Returns the number of cells filled."""
    text = path.read_text(encoding="utf-8")
    where = {
        cid: (set_id, k)
        for set_id, (_, crits) in _SETS.items()
        for k, (cid, *_) in enumerate(crits)
    }
    out: list[str] = []
    filled = 0
    pos = 0
    sections = list(_SECTION.finditer(text))
    for i, sec in enumerate(sections):
        end = sections[i + 1].start() if i + 1 < len(sections) else len(text)
        out.append(text[pos : sec.start()])
        service, option = sec.group(1), sec.group(2)
        s = SERVICES.index(service)

        def cell(m: re.Match[str], option: str = option, s: int = s) -> str:
            nonlocal filled
            set_id, k = where[m.group(1)]
            value = _score(set_id, option, k, s)
            filled += 1
            return f"{m.group(1)} = {value}{m.group(2)[: max(1, len(m.group(2)) - len(value))]}#"

        out.append(_CELL.sub(cell, text[sec.start() : end]))
        pos = end
    out.append(text[pos:])
    text = "".join(out)
    text = text.replace(
        '[weights.sets]\nmethod = "equal"',
        '[weights.sets]\nmethod = "points"\npoints = { strategy = 40, gains = 30, model = 30 }',
    ).replace(
        '[weights.model]\nmethod = "equal"',
        '[weights.model]\nmethod = "swing"\n'
        "swing = { styring = 100, lik_innflytelse = 80, omstilling = 50 }",
    )
    # the region's own saving shares (its catalogue cites no savings evidence, so no defaults)
    text += (
        '\n[economics]\nkey = "population"\n\n[economics.scenarios]\n'
        "low = 0.08\nexpected = 0.15\nhigh = 0.25\n"
    )
    for m, mid in enumerate(MUNICIPALITIES):
        points = {
            "lavere_kostnad": 20 + 10 * (m % 4),
            "faglig_kvalitet": 30,
            "robusthet": 50 - 10 * (m % 4),
        }
        text += (
            f'\n[stakeholders.{mid}.weights.strategy]\nmethod = "points"\npoints = {{ '
            + ", ".join(f"{k} = {v}" for k, v in points.items())
            + " }\n"
        )
    path.write_text(text, encoding="utf-8")
    return filled


def fill_staffing(folder: Path) -> None:
    """Add the staffing of each service area to the case's municipalities.toml."""
    path = folder / "municipalities.toml"
    totals: dict[str, list[float]] = {s: [0.0, 0.0] for s in SERVICES}
    rows: list[str] = []
    for mid, (_, _, _, staffing) in MUNICIPALITIES.items():
        for group, (fte, nok) in staffing.items():
            totals[group][0] += float(fte)
            totals[group][1] += nok
            rows += [
                f"[[municipalities.{mid}.staffing]]",
                f'group = "{group}"',
                f"fte = {fte}",
                f"nok = {nok}",
                "",
            ]
    groups: list[str] = []
    for group, (fte_total, nok_total) in totals.items():
        name_nb, name_en = ("Lønn", "Payroll") if group == "lonn" else ("Renovasjon", "Waste")
        groups += [
            f"[staffing_groups.{group}]",
            f'name_nb = "{name_nb}"',
            f'name_en = "{name_en}"',
            f'services = ["{group}"]',
            'source = "test"',
            f"group_total = {{ fte = {round(fte_total, 1)}, nok = {int(nok_total)} }}",
            "",
        ]
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(groups + rows))


def init_case(root: Path, run: Callable[..., Any]) -> tuple[Path, Path, str, str]:
    """The case built with ``samvalg init`` under ``root`` (``run(*argv)`` runs the CLI and
    returns ``(code, out, err)``), before and after filling in.

    Returns the catalogue folder, the assessment, and what ``samvalg validate`` printed on
    stderr for the unfilled skeleton and on stdout once filled.
    """
    criteria = write_criteria(root / "mine.toml")
    code, _out, err = run(*init_argv(root, criteria))
    assert code == 0, err
    case = root / "innherred"
    folder, path = case / "catalogue", case / "assessment.toml"
    code, _, before = run("validate", "--catalogue", folder, path)
    assert code == 2, before
    filled = fill_assessment(path)
    assert filled > 0
    fill_staffing(folder)
    code, after, err = run("validate", "--catalogue", folder, path)
    assert code == 0, err
    return folder, path, before, after
