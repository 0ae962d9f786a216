"""A second case built from scratch: another region's catalogue folder and assessment.

Four municipalities of Innherred (Levanger, Verdal, Frosta, Inderøy), two service areas (payroll
and "renovasjon", a service area the shipped catalogue does not have, in a service group of its
own), criteria sets of 3 + 2 + 3 criteria and an assessment scoring them, with stakeholders for
the group analysis. The forms and the feasibility rules are the shipped ones (the folder holds
no ``forms.toml`` or ``feasibility.toml``), so the shipped pairs for service areas this case does
not have must be skipped with a note.

Every number is made up for the tests; nothing here describes a real case.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "MUNICIPALITIES",
    "SERVICES",
    "SHIPPED_NAMES",
    "municipalities",
    "options",
    "write_assessment",
    "write_case",
    "write_catalogue",
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


def write_catalogue(folder: Path, munis: Municipalities = MUNICIPALITIES) -> Path:
    """Write criteria_sets.toml, services.toml and municipalities.toml into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
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
    (folder / "criteria_sets.toml").write_text("\n".join(lines), encoding="utf-8")

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
