"""``samvalg init DIR``: write a new case to fill in.

DIR gets a catalogue folder and an assessment skeleton::

    DIR/catalogue/municipalities.toml   the municipalities (--municipality), with population
    DIR/catalogue/services.toml         the service areas (--service)
    DIR/catalogue/criteria_sets.toml    the shipped criteria sets, or --criteria FILE
    DIR/assessment.toml                 options per service area, a line per score to fill
    DIR/.samvalg-case.json              what samvalg wrote (to tell its own files from yours)

The forms and the legal feasibility rules stay the shipped ones (or those of --catalogue).
Fill in the scores, then ``samvalg validate --catalogue DIR/catalogue DIR/assessment.toml``
lists what is still missing, and passes once every score is there.

A municipality is ``ID:NAME:KOMMUNENUMMER:POPULATION`` (``levanger:Levanger:5037:20500``), or
only the ID of one the base catalogue has. A service area is ``ID:NAME_NB[:NAME_EN]`` with
``--authority ID=no|partly|yes`` (does it exercise public authority?), or only the ID of one
the base catalogue has. On a terminal, what is missing is asked for; otherwise each missing
value is an error. DIR must be new or empty, or a folder ``samvalg init`` wrote whose files
are unchanged: a file you have edited is never overwritten, and links are never followed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samvalg.commands._common import add_catalogue_argument, emit_json, load_catalogue_option
from samvalg.commands._init_files import (
    CASE_MANIFEST,
    MunicipalitySpec,
    ServiceSpec,
    assessment_skeleton,
    municipalities_toml,
    options_of,
    provenance,
    services_toml,
)
from samvalg.errors import ARGUMENT, Problem, ValidationError, did_you_mean

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

NAME = "init"
HELP = "write a new case to fill in: catalogue files and an assessment skeleton"

#: The forms a new case assesses unless --form says otherwise (those of the shipped example).
DEFAULT_FORMS = ("egen_drift", "fagnettverk", "vertskommune", "oppgavefellesskap", "iks")
AUTHORITY = ("no", "partly", "yes")
CATALOGUE = "catalogue"
ASSESSMENT = "assessment.toml"
_ID = re.compile(r"[a-z][a-z0-9_]*")
_MUNI_FORM = "ID:NAME:KOMMUNENUMMER:POPULATION, or the ID of a municipality in the catalogue"
_SERVICE_FORM = "ID:NAME_NB[:NAME_EN], or the ID of a service area in the catalogue"
#: The largest --criteria file read.
_MAX_CRITERIA_BYTES = 4 * 1024 * 1024


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="the new case's folder (new, empty, or samvalg's own)")
    p.add_argument(
        "--municipality",
        "-m",
        action="append",
        default=[],
        metavar="SPEC",
        help="a municipality: ID:NAME:KOMMUNENUMMER:POPULATION, or a catalogue id "
        "(repeatable; at least 2)",
    )
    p.add_argument(
        "--service",
        "-s",
        action="append",
        default=[],
        metavar="SPEC",
        help="a service area: ID:NAME_NB[:NAME_EN], or a catalogue id (repeatable)",
    )
    p.add_argument(
        "--authority",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help="whether a new service area exercises public authority: no, partly or yes",
    )
    p.add_argument(
        "--form",
        action="append",
        default=None,
        metavar="FORM",
        help="a cooperation form to assess (repeatable; default: " + ", ".join(DEFAULT_FORMS) + ")",
    )
    p.add_argument(
        "--criteria",
        type=Path,
        default=None,
        metavar="FILE",
        help="criteria_sets.toml to use (default: a copy of the catalogue's)",
    )
    p.add_argument(
        "--plus-minus",
        action="append",
        default=[],
        metavar="SET",
        help="a criteria set scored on DFØ's pluss-minus scale against egen_drift (repeatable; "
        "default: every set 1–5)",
    )
    p.add_argument("--title", default=None, help="the assessment's title")
    p.add_argument("--region", default=None, help="the region's name (the municipalities together)")
    p.add_argument(
        "--population-date",
        default=None,
        metavar="YYYY-MM-DD",
        help="date of the populations given (default: 1 January this year)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of the messages: bokmål or English (nb)",
    )
    add_catalogue_argument(p)


# --------------------------------------------------------------------------- the command line
class _Asker:
    """Asks for missing values on a terminal (stdin and stderr), else records a problem."""

    def __init__(self) -> None:
        self.interactive = sys.stdin is not None and sys.stdin.isatty()
        self.problems: list[Problem] = []

    def ask_many(self, question: str) -> list[str]:
        """Answers to ``question``, one a line, until an empty line (a terminal only)."""
        out: list[str] = []
        while self.interactive:
            sys.stderr.write(f"{question} ({'tom linje: ferdig / empty line: done'}): ")
            sys.stderr.flush()
            line = sys.stdin.readline().strip()
            if not line:
                break
            out.append(line)
        return out

    def ask(self, location: str, question: str, allowed: str) -> str | None:
        if self.interactive:
            sys.stderr.write(f"{question}: ")
            sys.stderr.flush()
            line = sys.stdin.readline()
            if line.strip():
                return line.strip()
        self.problems.append(Problem(ARGUMENT, location, f"missing {question}", allowed))
        return None


def _problem(location: str, message: str, allowed: str) -> Problem:
    return Problem(ARGUMENT, location, message, allowed)


def _municipalities(
    specs: list[str], base: Catalogue, asker: _Asker, problems: list[Problem]
) -> list[MunicipalitySpec]:
    if not specs:
        specs = asker.ask_many("kommune / municipality (ID:NAVN:KOMMUNENR:INNBYGGERE, or ID)")
    out: list[MunicipalitySpec] = []
    for spec in specs:
        loc = f"--municipality {spec}"
        parts = [x.strip() for x in spec.split(":")]
        mid = parts[0]
        if not _ID.fullmatch(mid):
            problems.append(_problem(loc, f"id {mid!r} is not an id", "a-z, 0-9 and _"))
            continue
        if any(m.id == mid for m in out):
            problems.append(_problem(loc, f"{mid!r} is given twice", "each municipality once"))
            continue
        m = MunicipalitySpec(mid)
        known = base.municipalities.get(mid)
        if len(parts) == 1 and known is not None:
            m.name, m.kommunenummer = known.name, known.kommunenummer
            m.entries = [e.model_dump(exclude_defaults=True) for e in known.population.entries]
            for e in m.entries:
                e.setdefault("uncertain", False)
            out.append(m)
            continue
        if len(parts) > 4:
            problems.append(_problem(loc, f"{len(parts)} fields", _MUNI_FORM))
            continue
        fields = [*parts[1:], "", "", ""][:3]
        name, number, population = fields
        m.name = name or asker.ask(loc, f"navn på / name of {mid}", "a name")
        number = number or asker.ask(loc, f"kommunenummer for {mid}", "four digits") or ""
        if number and not re.fullmatch(r"\d{4}", number):
            problems.append(_problem(loc, f"kommunenummer {number!r}", "four digits, e.g. 5037"))
        m.kommunenummer = number or None
        population = (
            population or asker.ask(loc, f"innbyggertall / population of {mid}", "a number") or ""
        )
        if population:
            try:
                m.population = int(population.replace(" ", "").replace("_", ""))
                if m.population <= 0:
                    raise ValueError
            except ValueError:
                problems.append(_problem(loc, f"population {population!r}", "a whole number > 0"))
        out.append(m)
    if len(out) < 2 and not any(p.location.startswith("--municipality") for p in problems):
        problems.append(
            _problem("--municipality", f"{len(out)} given", "at least 2 municipalities")
        )
    return out


def _services(
    specs: list[str],
    authority: list[str],
    base: Catalogue,
    asker: _Asker,
    problems: list[Problem],
) -> list[ServiceSpec]:
    if not specs:
        specs = asker.ask_many("tjenesteområde / service area (ID:NAVN, or ID)")
    given: dict[str, str] = {}
    for item in authority:
        sid, sep, value = item.partition("=")
        if not sep or value.strip() not in AUTHORITY:
            problems.append(
                _problem(f"--authority {item}", "expected ID=VALUE", "VALUE: no, partly or yes")
            )
            continue
        given[sid.strip()] = value.strip()
    raw_base: dict[str, Any] = {}
    source = base.sources.get("services.toml")
    if source is not None:
        with open(source, "rb") as fh:
            raw_base = tomllib.load(fh).get("services", {})
    out: list[ServiceSpec] = []
    for spec in specs:
        loc = f"--service {spec}"
        parts = [x.strip() for x in spec.split(":")]
        sid = parts[0]
        if not _ID.fullmatch(sid):
            problems.append(_problem(loc, f"id {sid!r} is not an id", "a-z, 0-9 and _"))
            continue
        if any(s.id == sid for s in out):
            problems.append(_problem(loc, f"{sid!r} is given twice", "each service area once"))
            continue
        if len(parts) > 3:
            problems.append(_problem(loc, f"{len(parts)} fields", _SERVICE_FORM))
            continue
        name_nb, name_en = [*parts[1:], "", ""][:2]
        s = ServiceSpec(sid, name_nb or None, name_en or None)
        s.authority = given.pop(sid, None)
        if sid in base.services and sid in raw_base:
            s.base = raw_base[sid]
        else:
            s.name_nb = s.name_nb or asker.ask(loc, f"navn på / name of {sid}", "a name")
            if s.authority is None:
                answer = asker.ask(
                    f"--authority {sid}",
                    f"utøver {sid} offentlig myndighet? / public authority (no, partly, yes)",
                    "--authority ID=no|partly|yes for a service area not in the catalogue",
                )
                if answer is not None and answer not in AUTHORITY:
                    problems.append(
                        _problem(f"--authority {sid}", f"{answer!r}", "no, partly or yes")
                    )
                elif answer is not None:
                    s.authority = answer
        out.append(s)
    for sid in given:
        problems.append(
            _problem(f"--authority {sid}", "names no --service", "a service area given")
        )
    if not out and not any(p.location.startswith("--service") for p in problems):
        problems.append(_problem("--service", "none given", "at least 1 service area"))
    return out


def _forms(forms: list[str] | None, base: Catalogue, problems: list[Problem]) -> list[str]:
    chosen = list(forms) if forms else [f for f in DEFAULT_FORMS if f in base.forms]
    out: list[str] = []
    for fid in chosen:
        if fid not in base.forms:
            problems.append(
                _problem(
                    f"--form {fid}",
                    "unknown form" + did_you_mean(fid, base.forms),
                    ", ".join(base.forms),
                )
            )
        elif fid not in out:
            out.append(fid)
    if len(out) < 2 and not any(p.location.startswith("--form") for p in problems):
        problems.append(_problem("--form", f"{len(out)} forms", "at least 2 forms"))
    return out


def _population_date(text: str | None, today: _dt.date, problems: list[Problem]) -> _dt.date:
    if text is None:
        return _dt.date(today.year, 1, 1)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        problems.append(_problem("--population-date", f"{text!r}", "a date YYYY-MM-DD"))
        return today


# ------------------------------------------------------------------------------ the folder
def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _refuse(out: Path, message: str, allowed: str) -> ValidationError:
    return ValidationError([Problem(ARGUMENT, str(out), message, allowed)])


def _manifest(out: Path) -> dict[str, str] | None:
    """The files a previous ``samvalg init`` wrote in ``out`` with their SHA-256, or None."""
    path = out / CASE_MANIFEST
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > 1024 * 1024:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if data.get("samvalg_case") != 1 or not isinstance(files, dict):
        return None
    return {str(k): str(v) for k, v in files.items()}


def _survey(out: Path, files: dict[str, bytes]) -> bool:
    """Whether ``out`` may be written; True when it exists already. Refuses a link, a file, a
    folder that is not empty and not samvalg's own, and a file samvalg wrote that was changed
    since (or any other file at a path samvalg writes)."""
    allowed = "a new or empty folder, or one samvalg init wrote whose files are unchanged"
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        parent = out.parent if str(out.parent) else Path(".")
        if not parent.is_dir():
            raise _refuse(out, f"the folder {parent} does not exist", allowed) from None
        return False
    if stat.S_ISLNK(st.st_mode):
        raise _refuse(out, "is a symbolic link; samvalg never writes through a link", allowed)
    if not stat.S_ISDIR(st.st_mode):
        raise _refuse(out, "is not a folder", allowed)
    with os.scandir(out) as entries:
        if next(entries, None) is None:
            return True
    ours = _manifest(out)
    if ours is None:
        raise _refuse(out, "is not empty and holds no case samvalg init wrote", allowed)
    cat = out / CATALOGUE
    cst = os.lstat(cat) if os.path.lexists(cat) else None
    if cst is not None and not stat.S_ISDIR(cst.st_mode):
        raise _refuse(out, f"{CATALOGUE} is not a folder (or is a link)", allowed)
    changed = []
    for rel in files:
        if rel == CASE_MANIFEST:  # read above: samvalg's own
            continue
        path = out / rel
        try:
            fst = os.lstat(path)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(fst.st_mode):
            changed.append(f"{rel} (not a regular file)")
            continue
        if rel not in ours or _sha256(path.read_bytes()) != ours[rel]:
            changed.append(rel)
    if changed:
        raise _refuse(
            out,
            "holds files changed since samvalg init wrote them, or not written by it: "
            + ", ".join(changed),
            "keep your work: choose another folder",
        )
    return True


def _umask() -> int:
    """The process's umask (read by setting it and back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _publish(out: Path, files: dict[str, bytes], exists: bool, staging: Path) -> None:
    """Move the staged files into ``out``: the whole folder at once when ``out`` is new, else
    file by file (each an atomic rename), the manifest last. (An existing folder is never
    replaced as a whole: it may be a shell's working directory.)"""
    if not exists:
        try:
            os.rename(staging, out)
            return
        except OSError as exc:
            raise _refuse(out, f"could not be created: {exc.strerror}", "a new folder") from None
    cat = out / CATALOGUE
    if not os.path.lexists(cat):
        os.mkdir(cat)
    order = sorted(files, key=lambda rel: rel == CASE_MANIFEST)
    for rel in order:
        os.replace(staging / rel, out / rel)


def run(args: argparse.Namespace) -> int:
    from samvalg._version import __version__
    from samvalg.catalogue import catalogue as load_catalogue
    from samvalg.io._files import read_capped

    base = load_catalogue_option(args.catalogue)
    if str(args.dir).strip() == "":
        raise ValidationError([_problem("DIR", "is empty", "a folder name")])
    out = Path(os.path.abspath(args.dir))  # "." and "case/" name the folder, not a child
    today = _dt.date.today()
    asker = _Asker()
    problems: list[Problem] = []
    pop_date = _population_date(args.population_date, today, problems)
    munis = _municipalities(args.municipality, base, asker, problems)
    services = _services(args.service, args.authority, base, asker, problems)
    forms = _forms(args.form, base, problems)
    criteria: bytes | None = None
    if args.criteria is not None:
        criteria = read_capped(
            args.criteria, _MAX_CRITERIA_BYTES, name=str(args.criteria), allowed="a TOML file"
        )
    problems += asker.problems
    if problems:
        raise ValidationError(problems)
    if criteria is None:
        criteria = Path(base.sources["criteria_sets.toml"]).read_bytes()

    prov = provenance(today, __version__, "kommandolinjen / the command line")
    cat_files = {
        "municipalities.toml": municipalities_toml(
            munis, args.region, pop_date, prov, services[0].id
        ).encode("utf-8"),
        "services.toml": services_toml(services, prov).encode("utf-8"),
        "criteria_sets.toml": criteria,
    }
    files = {f"{CATALOGUE}/{name}": data for name, data in cat_files.items()}
    parent = out.parent
    staging: Path | None = None
    try:
        exists = _survey(out, {**files, ASSESSMENT: b"", CASE_MANIFEST: b""})
        staging = Path(tempfile.mkdtemp(prefix=".samvalg-init-", dir=parent))
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 is for a private folder
        os.mkdir(staging / CATALOGUE)
        for rel, data in files.items():
            _write_new(staging / rel, data)
        # the base catalogue's other files (forms, feasibility) stay the case's own too
        for name in ("forms.toml", "feasibility.toml"):
            src = Path(base.sources[name])
            if args.catalogue is not None and src.parent.resolve() == args.catalogue.resolve():
                data = src.read_bytes()
                files[f"{CATALOGUE}/{name}"] = data
                _write_new(staging / CATALOGUE / name, data)
        try:
            cat = load_catalogue(staging / CATALOGUE)
        except ValidationError as exc:
            raise ValidationError(
                [_located(p, args.criteria, staging) for p in exc.problems]
            ) from None
        bad_sets = [s for s in args.plus_minus if s not in cat.criteria_sets]
        if bad_sets:
            raise ValidationError(
                [
                    _problem(
                        f"--plus-minus {s}", "unknown criteria set", ", ".join(cat.criteria_sets)
                    )
                    for s in bad_sets
                ]
            )
        names = [str(m.name) for m in munis]
        title = args.title or "Vurdering: " + ", ".join(names)
        options = options_of(forms, cat, [m.id for m in munis])
        skeleton, to_fill = assessment_skeleton(
            cat, [s.id for s in services], options, munis, args.plus_minus, title, today
        )
        files[ASSESSMENT] = skeleton.encode("utf-8")
        _write_new(staging / ASSESSMENT, files[ASSESSMENT])
        manifest = {
            "samvalg_case": 1,
            "samvalg_version": __version__,
            "files": {rel: _sha256(data) for rel, data in files.items()},
        }
        files[CASE_MANIFEST] = (json.dumps(manifest, indent=2) + "\n").encode("utf-8")
        _write_new(staging / CASE_MANIFEST, files[CASE_MANIFEST])
        _publish(out, files, exists, staging)
        if not staging.exists():
            staging = None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return _report(args, args.dir, sorted(files), options, to_fill, [s.id for s in services])


def _located(p: Problem, criteria: Path | None, staging: Path) -> Problem:
    """A problem in a staged file, named by where its content came from."""
    name = Path(p.source).name
    if name == "criteria_sets.toml" and criteria is not None:
        return Problem(str(criteria), p.location, p.message, p.allowed, p.path)
    if name in ("municipalities.toml", "services.toml"):
        what = "--municipality" if name.startswith("m") else "--service"
        if p.location.startswith("region"):
            what = "--region"
        return Problem(ARGUMENT, f"{what} ({p.location})", p.message, p.allowed, p.path)
    return Problem(p.source.replace(str(staging), "DIR"), p.location, p.message, p.allowed)


def _report(
    args: argparse.Namespace,
    out: Path,
    files: list[str],
    options: list[str],
    to_fill: int,
    services: list[str],
) -> int:
    catalogue = out / CATALOGUE
    assessment = out / ASSESSMENT
    if args.json:
        emit_json(
            {
                "folder": str(out),
                "catalogue": str(catalogue),
                "assessment": str(assessment),
                "files": [f for f in files if f != CASE_MANIFEST],
                "services": services,
                "options": options,
                "scores_to_fill": to_fill,
                "next": ["validate", "--catalogue", str(catalogue), str(assessment)],
            },
            command=NAME,
            lang=args.lang,
        )
        return 0
    nb = args.lang == "nb"
    print(f"{'Skrev' if nb else 'Wrote'} {out}:")
    for f in files:
        if f != CASE_MANIFEST:
            print(f"  {f}")
    print(
        (
            f"Fyll inn {to_fill} skårer i {assessment} ({len(services)} tjenesteområder, "
            f"{len(options)} alternativer hver), og kontroller:"
        )
        if nb
        else (
            f"Fill in {to_fill} scores in {assessment} ({len(services)} service areas, "
            f"{len(options)} options each), then check:"
        )
    )
    print(f"  samvalg validate --catalogue {catalogue} {assessment}")
    return 0


__all__ = ["ASSESSMENT", "CATALOGUE", "DEFAULT_FORMS", "add_arguments", "run"]
