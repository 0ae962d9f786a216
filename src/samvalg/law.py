"""The law's screen: may a service area be run in a given cooperation form?

The rules are data (``criteria/feasibility.toml``), never code. For a pair (service, form) the
screen collects

* every generic rule whose conditions match the service's legal traits (``public_authority``,
  non-delegable decisions, group, id) and the form's capabilities (enkeltvedtak, matters of
  principle, host, legal entity, id), and
* the explicit entry ``[pairs.<service>.<form>]`` if there is one (with ``override = true`` it
  replaces the generic rules for that pair).

The verdict is the most severe status found, ``infeasible > conditional > ok``. An infeasible
verdict is *uncertain* only if every rule that makes it infeasible is uncertain (one certain
reason suffices); an ok or conditional verdict is uncertain if any rule behind it is uncertain.

The central legal anchors: kommunalt oppgavefellesskap and interkommunalt politisk råd cannot be
given authority to make enkeltvedtak (kommuneloven § 19-1 (2), § 18-1 (2)); an administrative
host decides only matters without prinsipiell betydning (§ 20-2), a joint elected committee all
kinds (§ 20-3); other legal entities get authority in statutory tasks only as far as legislation
allows (§ 5-4 (1)); for statutory tasks with exercise of public authority municipalities "må da i
praksis benytte vertskommunemodellen" (Prop. 46 L (2017–2018) kap. 19.1).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from samvalg.errors import SamvalgError

if TYPE_CHECKING:  # pragma: no cover
    from samvalg.catalogue import Catalogue

__all__ = ["Feasibility", "FeasibilityTable", "feasibility", "feasibility_table"]

StatusName = Literal["ok", "conditional", "infeasible"]
_SEVERITY: dict[str, int] = {"ok": 0, "conditional": 1, "infeasible": 2}
_LABEL_NB = {"ok": "mulig", "conditional": "mulig med vilkår", "infeasible": "ikke mulig"}


@dataclass(frozen=True)
class Feasibility:
    """The legal verdict for one service area in one cooperation form.

    Attributes
    ----------
    service : str
        Service area id.
    form : str
        Cooperation form id (the host of an option string is dropped).
    status : {"ok", "conditional", "infeasible"}
        The most severe status of the rules that apply.
    ok : bool
        True for ``"ok"`` and ``"conditional"``: the form may be used (on the conditions).
    reasons, reasons_en : tuple of str
        The legal reasons in bokmål and English, most severe first, each naming its section.
    conditions, conditions_en : tuple of str
        What must hold for a conditional verdict (empty otherwise).
    sections : tuple of str
        Every law section cited, in order of first mention.
    uncertain : bool
        True when the verdict rests on facts marked uncertain in the catalogue.
    rules : tuple of str
        The rules applied (``rules.<id>`` or ``pairs.<service>.<form>``), for tracing.
    """

    service: str
    form: str
    status: StatusName
    ok: bool
    reasons: tuple[str, ...]
    reasons_en: tuple[str, ...]
    conditions: tuple[str, ...] = ()
    conditions_en: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    uncertain: bool = False
    rules: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "service": self.service,
            "form": self.form,
            "status": self.status,
            "ok": self.ok,
            "reasons": list(self.reasons),
            "reasons_en": list(self.reasons_en),
            "conditions": list(self.conditions),
            "conditions_en": list(self.conditions_en),
            "sections": list(self.sections),
            "uncertain": self.uncertain,
            "rules": list(self.rules),
        }

    def __str__(self) -> str:
        mark = " (usikker)" if self.uncertain else ""
        head = f"{self.service} / {self.form}: {_LABEL_NB[self.status]}{mark}"
        return "\n".join([head, *(f"  - {r}" for r in self.reasons)])

    def _repr_html_(self) -> str:
        """The verdict, its reasons, conditions and the sections cited (user text escaped)."""
        mark = " (usikker)" if self.uncertain else ""
        rows = [("Vurdering", f"<b>{html.escape(_LABEL_NB[self.status] + mark)}</b>")]
        for head, items in (("Begrunnelse", self.reasons), ("Vilkår", self.conditions)):
            if items:
                rows.append((head, "<br>".join(html.escape(t) for t in items)))
        if self.sections:
            rows.append(("Lovhjemler", html.escape(", ".join(self.sections))))
        body = "".join(f"<tr><th>{h}</th><td>{v}</td></tr>" for h, v in rows)
        caption = html.escape(f"{self.service} / {self.form}")
        return f"<table><caption>{caption}</caption><tbody>{body}</tbody></table>"


def _parse_form(form_or_option: str, cat: Catalogue) -> str:
    if not isinstance(form_or_option, str):
        raise SamvalgError(
            f"form must be a form id or an option string such as 'vertskommune:<host>', "
            f"found {type(form_or_option).__name__}"
        )
    form_id, sep, host = form_or_option.partition(":")
    if form_id not in cat.forms:
        raise SamvalgError(_unknown("cooperation form", form_id, list(cat.forms)))
    if sep:
        if not cat.forms[form_id].has_host:
            hosts = [f for f, v in cat.forms.items() if v.has_host]
            raise SamvalgError(
                f"option {form_or_option!r}: form {form_id!r} has no host "
                f"(host forms: {', '.join(hosts)})"
            )
        if host not in cat.municipalities:
            raise SamvalgError(
                f"option {form_or_option!r}: " + _unknown("host", host, list(cat.municipalities))
            )
    return form_id


def _unknown(kind: str, value: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {kind} {value!r}{hint} (allowed: {', '.join(allowed)})"


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


_NEXT_SECTION = re.compile(r",\s+(?=§|[^\W\d][\w-]*\.?\s§)")
_LAW_PREFIX = re.compile(r"^(.*?)§")


def _split_sections(text: str) -> list[str]:
    """One citation per section: ``"pbl. § 3-3 (2), § 9-3 (3); koml. § 19-1"`` gives
    ``["pbl. § 3-3 (2)", "pbl. § 9-3 (3)", "koml. § 19-1"]``.

    Parts are split at ``;`` and at a comma followed by ``§`` or by a law's name and ``§``; a
    part that starts with ``§`` takes the law's name of the part before it. A list of
    sections in one law (``jordlova §§ 8, 9, 12``) stays whole. So the same section cited
    in two rules is listed once.
    """
    out: list[str] = []
    for group in text.split(";"):
        law = ""
        for part in _NEXT_SECTION.split(group.strip()):
            part = part.strip()
            if part.startswith("§") and law:
                part = f"{law} {part}"
            else:
                m = _LAW_PREFIX.match(part)
                law = m.group(1).strip() if m else ""
            out.append(part)
    return out


def feasibility(
    service_id: str, form_or_option: str, *, catalogue: Catalogue | None = None
) -> Feasibility:
    """Screen one service area against one cooperation form under the law.

    The verdict is :math:`\\max_{r \\in R(s,f)} \\mathrm{severity}(r)` over the rules
    :math:`R(s, f)` that apply to service *s* and form *f* (generic rules on traits, plus the
    explicit pair entry; an overriding pair entry alone), with ``ok < conditional < infeasible``.
    Legal basis: kommuneloven §§ 5-4, 17-1, 18-1, 19-1, 20-1 – 20-3; Prop. 46 L (2017–2018)
    kap. 19.1; the service laws cited in ``criteria/feasibility.toml``.

    Parameters
    ----------
    service_id : str
        A service area id, e.g. ``"byggesak"``.
    form_or_option : str
        A form id (``"oppgavefellesskap"``) or an option string (``"vertskommune:melhus"``;
        the host must be a known municipality but does not change the verdict).
    catalogue : Catalogue, optional
        Default: the shipped catalogue.

    Returns
    -------
    Feasibility
        ``ok`` (True for ``ok`` and ``conditional``), ``status``, ``reasons`` with the law's
        sections, ``conditions``, ``sections`` and ``uncertain``.

    Raises
    ------
    SamvalgError
        For an unknown service, form or host, naming the closest valid id.

    Examples
    --------
    >>> import samvalg
    >>> f = samvalg.feasibility("byggesak", "oppgavefellesskap")
    >>> f.ok, f.status
    (False, 'infeasible')
    >>> "§ 19-1" in f.reasons[0]
    True
    >>> samvalg.feasibility("byggesak", "vertskommune:skaun").status
    'conditional'
    >>> samvalg.feasibility("sentralbord", "oppgavefellesskap").ok
    True
    """
    if catalogue is None:
        from samvalg.catalogue import catalogue as _load

        catalogue = _load()
    cat = catalogue
    if not isinstance(service_id, str) or service_id not in cat.services:
        raise SamvalgError(_unknown("service area", str(service_id), list(cat.services)))
    form_id = _parse_form(form_or_option, cat)

    from samvalg.catalogue._rules import render, text_context

    service = cat.services[service_id]
    form = cat.forms[form_id]
    ctx = text_context(service, form)
    pair = cat.feasibility_pairs.get((service_id, form_id))
    applied: list[tuple[str, Any]] = []
    if pair is not None:
        applied.append((f"pairs.{service_id}.{form_id}", pair))
    if pair is None or not pair.override:
        applied += [
            (f"rules.{rid}", rule)
            for rid, rule in cat.feasibility_rules.items()
            if rule.applies(service, form)
        ]
    if not applied:  # the loader guarantees coverage; a hand-built catalogue may not
        raise SamvalgError(
            f"no feasibility rule covers service {service_id!r} and form {form_id!r}; "
            "add one to feasibility.toml"
        )
    # Most severe first; the explicit pair entry before generic rules of the same severity.
    applied.sort(key=lambda item: -_SEVERITY[item[1].status])
    status: StatusName = applied[0][1].status
    at_status = [r for _, r in applied if r.status == status]
    if status == "infeasible":
        uncertain = all(r.uncertain for r in at_status)
    else:
        uncertain = any(r.uncertain for r in at_status)
    conditional = [r for _, r in applied if r.status == status == "conditional"]
    sections: list[str] = []
    for _, r in applied:
        for s in r.sections:
            sections.extend(_split_sections(render(s, ctx)))
    return Feasibility(
        service=service_id,
        form=form_id,
        status=status,
        ok=status != "infeasible",
        reasons=_dedupe([render(r.reason_nb, ctx) for _, r in applied]),
        reasons_en=_dedupe([render(r.reason_en, ctx) for _, r in applied]),
        conditions=_dedupe([render(r.condition_nb, ctx) for r in conditional]),
        conditions_en=_dedupe([render(r.condition_en, ctx) for r in conditional]),
        sections=_dedupe(sections),
        uncertain=uncertain,
        rules=tuple(name for name, _ in applied),
    )


@dataclass(frozen=True)
class FeasibilityTable(Mapping[tuple[str, str], Feasibility]):
    """Verdicts for every service area x cooperation form, keyed by ``(service, form)``.

    Attributes
    ----------
    services, forms : tuple of str
        Row and column order (catalogue order).
    results : dict of (str, str) to Feasibility
    """

    services: tuple[str, ...]
    forms: tuple[str, ...]
    results: Mapping[tuple[str, str], Feasibility]

    def __getitem__(self, key: tuple[str, str]) -> Feasibility:
        try:
            return self.results[key]
        except KeyError:
            raise SamvalgError(
                f"no verdict for {key!r}: keys are (service, form) with service in "
                f"{', '.join(self.services)} and form in {', '.join(self.forms)}"
            ) from None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def status(self, service_id: str, form_id: str) -> str:
        """Status of one pair."""
        return self[(service_id, form_id)].status

    def to_dict(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{service: {form: Feasibility.to_dict()}}``."""
        return {s: {f: self.results[(s, f)].to_dict() for f in self.forms} for s in self.services}

    def __repr__(self) -> str:
        width = max(len(s) for s in self.services) if self.services else 0
        sym = {"ok": "+", "conditional": "~", "infeasible": "x"}
        lines = [" " * width + "  " + " ".join(f[:4].ljust(4) for f in self.forms)]
        for s in self.services:
            cells = []
            for f in self.forms:
                r = self.results[(s, f)]
                cells.append((sym[r.status] + ("?" if r.uncertain else "")).ljust(4))
            lines.append(s.ljust(width) + "  " + " ".join(cells))
        lines.append("+ ok, ~ conditional, x infeasible, ? uncertain")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = {"ok": "#d9f2d9", "conditional": "#fff2cc", "infeasible": "#f4cccc"}
        head = "".join(f"<th>{html.escape(f)}</th>" for f in self.forms)
        rows = []
        for s in self.services:
            cells = []
            for f in self.forms:
                r = self.results[(s, f)]
                tip = html.escape(" | ".join(r.reasons), quote=True)
                mark = "?" if r.uncertain else ""
                cells.append(
                    f'<td style="background:{colour[r.status]}" title="{tip}">'
                    f"{html.escape(_LABEL_NB[r.status])}{mark}</td>"
                )
            rows.append(f"<tr><th>{html.escape(s)}</th>{''.join(cells)}</tr>")
        return (
            f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table><p>? = usikker rettslig vurdering (uncertain)</p>"
        )


def feasibility_table(*, catalogue: Catalogue | None = None) -> FeasibilityTable:
    """Screen every service area against every cooperation form.

    Parameters
    ----------
    catalogue : Catalogue, optional
        Default: the shipped catalogue.

    Returns
    -------
    FeasibilityTable
        A mapping ``(service, form) -> Feasibility`` with ``to_dict()`` and an HTML table.

    Examples
    --------
    >>> import samvalg
    >>> table = samvalg.feasibility_table()
    >>> table.status("byggesak", "oppgavefellesskap")
    'infeasible'
    >>> len(table)
    100
    """
    if catalogue is None:
        from samvalg.catalogue import catalogue as _load

        catalogue = _load()
    services = tuple(catalogue.services)
    forms = tuple(catalogue.forms)
    results = {(s, f): feasibility(s, f, catalogue=catalogue) for s in services for f in forms}
    return FeasibilityTable(services=services, forms=forms, results=results)
