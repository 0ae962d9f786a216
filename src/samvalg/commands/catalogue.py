"""``samvalg catalogue``: list the criteria, forms, services and municipalities of the shipped
catalogue, or of a case's own (``--catalogue DIR``)."""

from __future__ import annotations

import argparse

from samvalg.commands._common import add_catalogue_argument, emit_json, load_catalogue_option

NAME = "catalogue"
HELP = "list the catalogue's criteria, forms, services and municipalities (default: shipped)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of the output: bokmål or English (nb)",
    )
    add_catalogue_argument(p)


def run(args: argparse.Namespace) -> int:
    cat = load_catalogue_option(args.catalogue)
    if args.json:
        emit_json(cat.to_dict(), command=NAME, lang=args.lang)
        return 0
    nb = args.lang == "nb"
    for set_id, cs in cat.criteria_sets.items():
        print(f"{cs.name_nb if nb else cs.name_en} [{set_id}] ({len(cs.criteria)})")
        for i, c in enumerate(cs.criteria, 1):
            print(f"  {i:>2}. {c.name_nb if nb else c.name_en}  [{c.id}]")
    print()
    print("Samarbeidsformer:" if nb else "Cooperation forms:")
    for fid, f in cat.forms.items():
        host = (" (+ vertskommune)" if nb else " (+ host)") if f.has_host else ""
        print(f"  {fid:<20} {f.name_nb if nb else f.name_en}{host}")
    print()
    print("Tjenesteområder:" if nb else "Service areas:")
    for sid, s in cat.services.items():
        print(f"  {sid:<16} {s.name_nb if nb else s.name_en}")
    print()
    print("Kommuner:" if nb else "Municipalities:")
    for mid, m in cat.municipalities.items():
        print(f"  {mid:<16} {m.name} ({m.kommunenummer})")
    return 0
