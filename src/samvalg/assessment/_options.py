"""Cooperation options: :class:`Option` (``"form"`` or ``"form:host"``) and its parser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from samvalg.assessment._hints import did_you_mean
from samvalg.assessment._scales import show
from samvalg.catalogue import catalogue as load_catalogue
from samvalg.catalogue._labels import option_label
from samvalg.errors import Problem, ValidationError

if TYPE_CHECKING:
    from samvalg.catalogue import Catalogue

__all__ = ["Option", "parse_option"]


@dataclass(frozen=True)
class Option:
    """A cooperation option for a service area: a form, plus a host for host-municipality forms.

    Written ``"form"`` or ``"form:host"`` (``"vertskommune:melhus"``); ``str(option)`` gives the
    same text back.

    Attributes
    ----------
    form : str
        Cooperation form id (``catalogue().forms``).
    host : str or None
        Host municipality id for forms with a host (``vertskommune``, ``vertskommune_nemnd``),
        ``None`` otherwise.

    Examples
    --------
    >>> o = Option.parse("vertskommune:melhus")
    >>> o.form, o.host, str(o)
    ('vertskommune', 'melhus', 'vertskommune:melhus')
    >>> str(Option("iks"))
    'iks'
    """

    form: str
    host: str | None = None

    def __str__(self) -> str:
        return self.form if self.host is None else f"{self.form}:{self.host}"

    @classmethod
    def parse(
        cls, text: str | Option, *, catalogue: Catalogue | None = None, check: bool = True
    ) -> Option:
        """Read ``"form"`` or ``"form:host"`` and check it against the catalogue.

        Parameters
        ----------
        text : str or Option
            The option as written.
        catalogue : Catalogue, optional
            Catalogue with the forms and municipalities (default: the shipped one).
        check : bool
            ``False`` checks only the syntax (no catalogue needed).

        Raises
        ------
        samvalg.errors.ValidationError
            Bad syntax, an unknown form or municipality (with the closest id), a host on a form
            without one, or a host-municipality form without its host.

        Examples
        --------
        >>> Option.parse("iks", check=False)
        Option(form='iks', host=None)
        """
        if isinstance(text, Option):
            text = str(text)
        if check and catalogue is None:
            catalogue = load_catalogue()
        option, problems = parse_option(text, catalogue if check else None)
        if option is None or problems:
            raise ValidationError(
                Problem("<argument>", "option", msg, allowed) for msg, allowed in problems
            )
        return option

    def label(self, lang: str = "nb", catalogue: Catalogue | None = None) -> str:
        """Readable name from the catalogue, e.g. ``"Vertskommune (<host's name>)"``."""
        return option_label(str(self), lang, catalogue)


def parse_option(
    text: object, cat: Catalogue | None
) -> tuple[Option | None, list[tuple[str, str]]]:
    """Parse an option string; with a catalogue also check ids and host rules.

    Returns the option (``None`` when the syntax is wrong) and ``(message, allowed)`` pairs.
    """
    if not isinstance(text, str):
        return None, [
            (f'expected an option like "iks" or "vertskommune:<host>", found {show(text)}', "")
        ]
    parts = text.split(":")
    if len(parts) > 2 or not all(parts) or any(p != p.strip() for p in parts):
        return None, [
            (
                f"{show(text)} is not an option id",
                '"form" or "form:host", e.g. "iks", "vertskommune:<host>"',
            )
        ]
    option = Option(parts[0], parts[1] if len(parts) == 2 else None)
    if cat is None:
        return option, []
    problems: list[tuple[str, str]] = []
    form = cat.forms.get(option.form)
    if form is None:
        problems.append(
            (
                f"unknown cooperation form {option.form!r} in {show(text)}"
                + did_you_mean(option.form, cat.forms),
                ", ".join(cat.forms),
            )
        )
    else:
        hosts = ", ".join(f"{option.form}:{m}" for m in cat.municipalities)
        if form.has_host and option.host is None:
            problems.append(
                (
                    f"{option.form!r} needs a host municipality, written "
                    f'"{option.form}:<municipality>"',
                    hosts,
                )
            )
        elif not form.has_host and option.host is not None:
            problems.append(
                (
                    f"{option.form!r} has no host municipality, found "
                    f"{show(text)}; write {option.form!r}",
                    "a host only on " + ", ".join(f for f, v in cat.forms.items() if v.has_host),
                )
            )
    if (
        option.host is not None
        and option.host not in cat.municipalities
        and (form is None or form.has_host)
    ):
        problems.append(
            (
                f"unknown host municipality {option.host!r} in {show(text)}"
                + did_you_mean(option.host, cat.municipalities),
                ", ".join(cat.municipalities),
            )
        )
    return option, problems
