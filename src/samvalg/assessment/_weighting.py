"""``[weights.*]`` tables: checked against the catalogue, then resolved by samvalg.weights.

Every check reports its problem at the key path where it was found and does not stop the
others. The weight math itself lives in :mod:`samvalg.weights` (NumPy only).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from samvalg import weights as _w
from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._records import SET_WEIGHTS_KEY, WeightRecord
from samvalg.assessment._scales import format_number, show
from samvalg.assessment._schema import (
    METHODS,
    AHPSpec,
    DirectSpec,
    PointsSpec,
    RankSpec,
    Sink,
    SwingSpec,
    validate_model,
)
from samvalg.errors import ValidationError, format_location

if TYPE_CHECKING:
    from samvalg.weights import AHPResult, WeightResult

__all__ = ["AHP_RECIPROCAL_RTOL", "default_weights", "weights_table"]

AHP_RECIPROCAL_RTOL = 0.05
"""Relative tolerance of ``a_ij * a_ji = 1``: 0.33 for 1/3 or 0.14 for 1/7 are accepted; the
upper triangle is then used and the lower one taken as its exact reciprocal."""

Path = list[str | int]


def default_weights(key: str, labels: Sequence[str]) -> WeightRecord:
    """Equal weights for a table missing from the file (recorded as such)."""
    res = _w.equal(list(labels))
    return WeightRecord(
        key,
        "equal",
        {"method": "equal"},
        res.vector,
        tuple(labels),
        "no weights given in the file: equal weights",
        res,
    )


def weights_table(
    key: str, table: Any, labels: Sequence[str], path: Path, sink: Sink, what: str
) -> WeightRecord | None:
    """Validate and resolve one ``[weights.<key>]`` table.

    Parameters
    ----------
    key : str
        A criteria set id, or ``"sets"`` for the set weights.
    table : object
        The raw table.
    labels : sequence of str
        The criterion ids of the set (catalogue order), or the set ids.
    path : list
        Key path of the table, for messages.
    sink : Sink
        Where problems go.
    what : str
        How one label is called in messages (``"criterion of set 'gains'"``, ``"criteria set"``).
    """
    methods = [m for m in METHODS if not (key == SET_WEIGHTS_KEY and m == "objective")]
    if not isinstance(table, Mapping):
        sink.add(
            path,
            f"expected a table with a method, found {show(table)}",
            'e.g. { method = "equal" }',
        )
        return None
    method = table.get("method")
    if method is None:
        sink.add([*path, "method"], "required key 'method' is missing", ", ".join(methods))
        return None
    if key == SET_WEIGHTS_KEY and method == "objective":
        sink.add(
            [*path, "method"],
            "objective weights are computed from scores and cannot "
            "weigh the criteria sets against each other",
            ", ".join(methods),
        )
        return None
    if not isinstance(method, str) or method not in methods:
        hint = did_you_mean(method, methods) if isinstance(method, str) else ""
        sink.add(
            [*path, "method"], f"unknown weighting method {show(method)}{hint}", ", ".join(methods)
        )
        return None
    spec = validate_model(METHODS[method], table, path, sink)
    if spec is None:
        return None
    before = len(sink)
    raw = dict(table)
    if isinstance(spec, PointsSpec | SwingSpec | DirectSpec):
        field = {"points": "points", "swing": "swing", "direct": "values"}[method]
        values: dict[str, float] = getattr(spec, field)
        _check_values(values, labels, [*path, field], sink, what, swing=method == "swing")
        total = spec.total if isinstance(spec, PointsSpec) else None
        if total is not None and len(sink) == before:
            found = sum(values.values())
            if total <= 0:
                sink.add([*path, "total"], f"total must be positive, found {format_number(total)}")
            elif not math.isclose(found, total, rel_tol=1e-9, abs_tol=1e-12):
                sink.add(
                    [*path, field],
                    f"the points sum to {format_number(found)}, not to "
                    f"the stated total = {format_number(total)}",
                    f"points summing to {format_number(total)}, or leave out total",
                )
        if len(sink) > before:
            return None
        ordered = {c: values[c] for c in labels}
        return _resolve(key, method, raw, labels, path, sink, ordered, total)
    if isinstance(spec, RankSpec):
        if not _check_ranking(spec.ranking, labels, [*path, "ranking"], sink, what):
            return None
        return _resolve(key, method, raw, labels, path, sink, spec.ranking, spec.formula)
    if isinstance(spec, AHPSpec):
        P = _check_ahp(spec, labels, path, sink, what)
        if P is None:
            return None
        return _resolve(key, method, raw, labels, path, sink, P, spec.variant, spec.criteria)
    if method == "equal":
        return _resolve(key, method, raw, labels, path, sink, None)
    measure = table.get("measure", "entropy")
    return WeightRecord(
        key,
        "objective",
        raw,
        None,
        tuple(labels),
        f"computed per service area from its scores ({measure})",
    )


def _check_values(
    values: Mapping[str, float],
    labels: Sequence[str],
    path: Path,
    sink: Sink,
    what: str,
    *,
    swing: bool,
) -> None:
    for k, v in values.items():
        if k not in labels:
            sink.add(
                [*path, k], f"unknown {what} {k!r}" + did_you_mean(k, labels), ", ".join(labels)
            )
        elif v < 0:
            sink.add([*path, k], f"negative weight {format_number(v)}", "a number >= 0")
        elif swing and v > 100:
            sink.add(
                [*path, k],
                f"swing {format_number(v)} is above 100",
                "0..100, the most important swing = 100",
            )
    missing = [c for c in labels if c not in values]
    if missing:
        sink.add(
            path,
            f"{len(missing)} missing (every {what} needs a value; 0 is allowed): "
            + ", ".join(missing),
            ", ".join(labels),
        )
    known = [v for k, v in values.items() if k in labels]
    if known and all(v == 0 for v in known):
        sink.add(
            path, "all values are 0: the weights cannot sum to 1", "at least one positive value"
        )
    elif swing and known and max(known) != 100 and all(0 <= v <= 100 for v in known):
        top = max(values, key=lambda k: values[k])
        sink.add(
            path,
            f"no swing is 100 (largest: {top} = {format_number(values[top])}); "
            "the most important swing is rated 100",
            "the largest swing = 100",
        )


def _check_ranking(
    ranking: list[Any], labels: Sequence[str], path: Path, sink: Sink, what: str
) -> bool:
    before = len(sink)
    seen: dict[str, str] = {}
    if not ranking:
        sink.add(path, "the ranking is empty", 'e.g. ["a", ["b", "c"], "d"]')
        return False
    for g, group in enumerate(ranking):
        members = group if isinstance(group, list) else [group]
        if not members:
            sink.add([*path, g], "empty tie group", "one or more criterion ids")
        for k, m in enumerate(members):
            where: Path = [*path, g, k] if isinstance(group, list) else [*path, g]
            if not isinstance(m, str):
                sink.add(where, f"expected a {what} id in quotes, found {show(m)}")
            elif m not in labels:
                sink.add(
                    where, f"unknown {what} {m!r}" + did_you_mean(m, labels), ", ".join(labels)
                )
            elif m in seen:
                sink.add(
                    where,
                    f"{m!r} is ranked twice (also at {seen[m]})",
                    "each criterion once; tie criteria with a nested list",
                )
            else:
                seen[m] = format_location(where)
    missing = [c for c in labels if c not in seen]
    if missing and len(sink) == before:
        sink.add(
            path, f"{len(missing)} not ranked: " + ", ".join(missing), f"every {what} ranked once"
        )
    return len(sink) == before


_FRACTION = re.compile(r"^\s*([0-9.]+)\s*/\s*([0-9.]+)\s*$")


def _ahp_entry(x: Any) -> float | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, int | float):
        return float(x)
    if isinstance(x, str):
        m = _FRACTION.match(x)
        if m:
            try:
                return float(m.group(1)) / float(m.group(2))
            except (ValueError, ZeroDivisionError):
                return None
    return None


def _check_ahp(
    spec: AHPSpec, labels: Sequence[str], path: Path, sink: Sink, what: str
) -> np.ndarray | None:
    before = len(sink)
    crit = spec.criteria
    seen: set[str] = set()
    for i, c in enumerate(crit):
        if c not in labels:
            sink.add(
                [*path, "criteria", i],
                f"unknown {what} {c!r}" + did_you_mean(c, labels),
                ", ".join(labels),
            )
        elif c in seen:
            sink.add([*path, "criteria", i], f"{c!r} is listed twice", "each criterion once")
        seen.add(c)
    missing = [c for c in labels if c not in seen]
    if missing:
        sink.add(
            [*path, "criteria"],
            "criteria must list every " + what + f" exactly once; missing: {', '.join(missing)}",
            ", ".join(labels),
        )
    n = len(labels)
    rows = spec.matrix
    mpath: Path = [*path, "matrix"]
    if len(rows) != n:
        sink.add(
            mpath,
            f"the matrix has {len(rows)} rows; the set has {n} "
            f"{'criteria' if n != 1 else 'criterion'}, so it must be {n} x {n}",
            f"{n} rows of {n} numbers",
        )
    P = np.ones((len(rows), len(rows)))
    shape_ok = True
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            sink.add([*mpath, i], f"expected a row [...] of numbers, found {show(row)}")
            shape_ok = False
            continue
        if len(row) != len(rows):
            sink.add(
                [*mpath, i],
                f"row {i} has {len(row)} entries but the matrix has "
                f"{len(rows)} rows: it must be square",
                f"{len(rows)} entries",
            )
            shape_ok = False
            continue
        for j, x in enumerate(row):
            v = _ahp_entry(x)
            if v is None:
                sink.add(
                    [*mpath, i, j],
                    f'expected a positive number or a fraction like "1/3", found {show(x)}',
                    "a number > 0",
                )
                shape_ok = False
            elif not math.isfinite(v) or v <= 0:
                sink.add(
                    [*mpath, i, j],
                    f"judgments must be positive and finite, found {show(x)}",
                    "a number > 0, e.g. 1/9 .. 9",
                )
                shape_ok = False
            else:
                P[i, j] = v
    if shape_ok and len(rows) == len(P):
        for i in range(len(P)):
            if not math.isclose(P[i, i], 1.0, rel_tol=1e-9):
                sink.add(
                    [*mpath, i, i], f"the diagonal must be 1, found {format_number(P[i, i])}", "1"
                )
            for j in range(i + 1, len(P)):
                if abs(P[i, j] * P[j, i] - 1.0) > AHP_RECIPROCAL_RTOL:
                    sink.add(
                        [*mpath, j, i],
                        f"not reciprocal: matrix[{i}][{j}] = "
                        f"{format_number(P[i, j])}, so matrix[{j}][{i}] must be "
                        f"1/{format_number(P[i, j])} = {1.0 / P[i, j]:.4g}, found "
                        f"{format_number(P[j, i])}",
                        "a_ji = 1 / a_ij",
                    )
    if len(sink) > before:
        return None
    R = P.copy()
    iu = np.triu_indices(n, 1)
    R[iu[1], iu[0]] = 1.0 / P[iu]
    np.fill_diagonal(R, 1.0)
    return R


def _resolve(
    key: str,
    method: str,
    raw: dict[str, Any],
    labels: Sequence[str],
    path: Path,
    sink: Sink,
    data: Any,
    option: Any = None,
    order: Sequence[str] | None = None,
) -> WeightRecord | None:
    """Call samvalg.weights; map a problem it finds to the table's location."""
    res: WeightResult | AHPResult
    try:
        if method == "points":
            res = _w.points(data, total=option)
        elif method == "swing":
            res = _w.swing(data)
        elif method == "direct":
            res = _w.direct(data)
        elif method == "equal":
            res = _w.equal(list(labels))
        elif method == "rank":
            res = _w.from_ranking(data, formula=option, items=list(labels))
        else:
            res = _w.ahp(data, method=option)
    except ValidationError as exc:
        for p in exc.problems:
            sink.add(path, p.message + (f" ({p.location})" if p.location else ""), p.allowed)
        return None
    if isinstance(res, _w.AHPResult):  # method == "ahp"
        w = np.asarray(res.weights, dtype=float)
        pos = list(order or labels)
        vec = np.array([w[pos.index(c)] for c in labels])
        cr = float(res.cr)
        note = f"AHP ({option}), consistency ratio CR = {cr:.3f}" + (
            " > 0.10: the judgments are inconsistent; consider revising "
            + ", ".join(str(x) for x in getattr(res, "inconsistent", [])[:3])
            if cr > 0.1
            else " (acceptable, <= 0.10)"
        )
        return WeightRecord(key, method, raw, _ro(vec), tuple(labels), note, res)
    vec = np.asarray(res.vector, dtype=float)
    if res.labels is not None and tuple(res.labels) != tuple(labels):
        vec = np.array([vec[list(res.labels).index(c)] for c in labels])
    return WeightRecord(key, method, raw, _ro(vec), tuple(labels), res.note, res)


def _ro(a: np.ndarray) -> np.ndarray:
    out = np.array(a, dtype=float, copy=True)
    out.setflags(write=False)
    return out
