"""The house style, shared helpers and the words the plots use (bokmål and English).

Everything here is applied per call inside :func:`style` (``matplotlib.rc_context``), so
``matplotlib.rcParams`` is the same after a plot as before it.

Colours: Okabe & Ito (2008), *Color Universal Design*, https://jfly.uni-koeln.de/color/ (eight
colours that stay distinct for the common colour-vision deficiencies). Series are told apart by a
hatch (bars) or a marker and line style (lines) as well, so the plots read in black-and-white
print. Heatmaps use ``cividis`` (Nuñez, Anderton & Renslow 2018, PLoS ONE 13(7): e0199239),
whose lightness rises monotonically, with the value written in each cell.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from samvalg.errors import Problem, SamvalgError, ValidationError

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

    from samvalg.catalogue import Catalogue

__all__ = [
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "OKABE_ITO",
    "SET_COLOURS",
    "catalogue_of",
    "check_lang",
    "colour",
    "hatch",
    "headless_backend",
    "new_axes",
    "number_formatter",
    "percent_formatter",
    "style",
    "text",
    "wrap",
]

#: Okabe-Ito colours, black last (it is kept for text and reference lines).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Hatches for bar series (cycled with a period different from the colours').
HATCHES: tuple[str, ...] = ("", "///", "...", "xxx", "\\\\\\", "+++", "ooo", "---", "***")
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")
LINESTYLES: tuple[Any, ...] = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)))

#: One colour per criteria set, the same in every plot.
SET_COLOURS: dict[str, str] = {
    "strategy": OKABE_ITO[0],
    "gains": OKABE_ITO[1],
    "model": OKABE_ITO[2],
}
SET_HATCHES: dict[str, str] = {"strategy": "", "gains": "///", "model": "..."}

GREY = "#7F7F7F"
LIGHT_GREY = "#D9D9D9"
HEATMAP_CMAP = "cividis"

_RC: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    # DejaVu Sans ships with matplotlib: always found, and it has æ, ø, å and the minus sign.
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9.0,
    "axes.titlesize": 10.0,
    "axes.titleweight": "bold",
    "axes.labelsize": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": "#BFBFBF",
    "grid.linewidth": 0.6,
    "hatch.linewidth": 0.6,
    "hatch.color": "#333333",
    "legend.frameon": False,
    "legend.fontsize": 8.0,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "figure.dpi": 100.0,
    "savefig.dpi": 200.0,
    "savefig.bbox": "tight",
    "svg.fonttype": "path",
    "svg.hashsalt": "samvalg",
    "axes.unicode_minus": True,
    # labels are a user's text: "$x^2$" or a lone "$" is drawn as written, never as mathtext,
    # and never through LaTeX (a user's matplotlibrc may say text.usetex: True)
    "text.parse_math": False,
    "text.usetex": False,
}

# Settings that are not style (rcdefaults() leaves them alone too): the backend and the GUI.
_NOT_STYLE = frozenset(
    {
        "backend",
        "backend_fallback",
        "interactive",
        "toolbar",
        "date.epoch",
        "webagg.address",
        "webagg.port",
        "webagg.port_retries",
        "webagg.open_in_browser",
        "tk.window_focus",
    }
)

# Of those, the ones pyplot changes when it first chooses a backend.
_NOT_STYLE_KEPT = ("backend", "interactive")


def _base_rc() -> dict[RcKeyType, Any]:
    """matplotlib's own defaults for every style setting, then the house style.

    The plots start from these and not from the user's ``matplotlibrc`` or ``rcParams``, so
    ``text.usetex``, ``svg.fonttype``, fonts or sizes set there cannot break or change them.
    """
    import matplotlib as mpl  # here, not at import: ``import samvalg`` loads no matplotlib
    from matplotlib.rcsetup import cycler

    base: dict[RcKeyType, Any] = {
        k: v for k, v in mpl.rcParamsDefault.items() if k not in _NOT_STYLE
    }
    base.update(_RC)
    base["axes.prop_cycle"] = cycler(color=list(OKABE_ITO))
    return base


LANGS = ("nb", "en")

# key -> (bokmål, English)
_TEXT: dict[str, tuple[str, str]] = {
    "weight": ("Vekt", "Weight"),
    "local_weight": ("Vekt innen settet", "Weight within the set"),
    "global_weight": ("Global vekt", "Global weight"),
    "weights": ("Vekter", "Weights"),
    "global_weights": (
        "Globale vekter (settvekt × vekt innen settet)",
        "Global weights (set weight × weight within the set)",
    ),
    "scores": ("Poeng", "Scores"),
    "score": ("Poeng", "Score"),
    "value01": ("Verdi (0–1)", "Value (0–1)"),
    "na": ("i.r.", "n/a"),
    "na_long": ("i.r. = ikke relevant", "n/a = not applicable"),
    "scale": ("Skala", "Scale"),
    "value": ("Samlet verdi", "Overall value"),
    "contributions": ("Bidrag per kriterium", "Contribution per criterion"),
    "infeasible": ("ikke lovlig", "not permitted"),
    "infeasible_note": (
        "Skravert grått = ikke lovlig etter kommuneloven",
        "Hatched grey = not permitted by law",
    ),
    "weight_of": ("Vekt på", "Weight of"),
    "current": ("nå", "current"),
    "crossover": ("rangskifte", "crossover"),
    "sensitivity": ("Følsomhet for vekt", "Sensitivity to weight"),
    "threshold": ("Endring i vekt som endrer rangeringen", "Weight change that alters the ranking"),
    "thresholds": ("Terskler for rangskifte", "Rank-reversal thresholds"),
    "decrease": ("ned", "down"),
    "increase": ("opp", "up"),
    "no_reversal": ("ingen endring", "no change"),
    "rank_acceptability": ("Rangakseptabilitet (SMAA)", "Rank acceptability (SMAA)"),
    "share": ("Andel av trekkene", "Share of samples"),
    "rank": ("Rang", "Rank"),
    "central_weights": ("Sentrale vekter (SMAA)", "Central weights (SMAA)"),
    "never_first": ("aldri først", "never first"),
    "agreement": ("Samsvar mellom interessenter", "Agreement between stakeholders"),
    "cost_shares": ("Kostnadsfordeling per nøkkel", "Cost shares per key"),
    "nok": ("kr", "NOK"),
    "mnok": ("mill. kr", "NOK million"),
    "key": ("Fordelingsnøkkel", "Sharing key"),
    "host_allocation": ("Vertskommune per tjenesteområde", "Host per service area"),
    "service_area": ("Tjenesteområde", "Service area"),
    "no_host": ("uten vertskommune", "no host"),
    "host": ("Vertskommune", "Host municipality"),
    "hosted_fte": ("Årsverk lagt til vertskommunen", "FTE hosted"),
    "option": ("Alternativ", "Option"),
    "population": ("Innbyggertall", "Population"),
    "equal": ("Likt", "Equal"),
    "usage": ("Bruk", "Usage"),
}

#: Short names of the criteria sets for legends (panel titles use the catalogue's full names).
_SET_SHORT: dict[str, tuple[str, str]] = {
    "strategy": ("Strategi", "Strategy"),
    "gains": ("Gevinster", "Gains"),
    "model": ("Modell", "Model"),
}


def check_lang(lang: Any) -> str:
    """Return `lang` if it is ``"nb"`` or ``"en"``; raise a located error otherwise."""
    if lang not in LANGS:
        raise ValidationError(
            [Problem("<argument>", "lang", f"unknown language {lang!r}", "nb, en")]
        )
    return str(lang)


def text(key: str, lang: str) -> str:
    """A plot word in the chosen language."""
    nb, en = _TEXT[key]
    return nb if lang == "nb" else en


def catalogue_of(catalogue: Catalogue | None, source: Any = None) -> Catalogue | None:
    """The catalogue a plot names things from: ``catalogue`` if given, else the one ``source``
    carries (an Assessment's, an Evaluation's); ``None`` means the shipped one."""
    if catalogue is not None:
        return catalogue
    found = getattr(source, "catalogue", None)
    from samvalg.catalogue import Catalogue

    return found if isinstance(found, Catalogue) else None


def set_short(set_id: str, lang: str, catalogue: Catalogue | None = None) -> str:
    """Short name of a criteria set (``"Strategi"``) for legends."""
    if set_id in _SET_SHORT:
        nb, en = _SET_SHORT[set_id]
        return nb if lang == "nb" else en
    from samvalg.catalogue._labels import set_label

    return set_label(set_id, lang, catalogue)


def wrap(label: str, width: int = 28, max_lines: int = 2) -> str:
    """Wrap a long label onto at most `max_lines` lines, ending with ``…`` if cut."""
    lines = textwrap.wrap(str(label), width=width, break_long_words=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,.;/") + "…"
    return "\n".join(lines)


def colour(i: int) -> str:
    """The `i`-th series colour (Okabe-Ito without black, cycled)."""
    return OKABE_ITO[i % (len(OKABE_ITO) - 1)]


def hatch(i: int) -> str:
    """The `i`-th series hatch; with :func:`colour` the pair repeats only after 63 series."""
    return HATCHES[i % len(HATCHES)]


@contextlib.contextmanager
def style(**overrides: Any) -> Iterator[None]:
    """The house style for the duration of a ``with`` block (``matplotlib.rc_context``).

    It starts from matplotlib's defaults, not the user's ``matplotlibrc``: LaTeX
    (``text.usetex``) and mathtext (``$...$`` in a label) are off, so any label draws as
    written.
    """
    rc = _base_rc()
    # keyword names are plain strings: rc_context checks them against the rcParams keys
    rc.update(cast("dict[RcKeyType, Any]", overrides))
    import matplotlib as mpl

    # rc_context restores every setting on exit, also the backend and "interactive" that
    # pyplot sets when a plot inside the block is the first to choose a backend (Jupyter's
    # inline backend turns "interactive" on); restoring those would stop Jupyter from showing
    # any later figure, so they keep the value the block left them with.
    params = cast("dict[str, Any]", mpl.rcParams)  # a dict subclass: read without lookups
    kept: dict[str, Any] = {}
    try:
        with mpl.rc_context(rc):
            try:
                yield
            finally:
                kept = {k: dict.__getitem__(params, k) for k in _NOT_STYLE_KEPT}
    finally:
        for key, value in kept.items():
            dict.__setitem__(params, key, value)


#: Backends that draw into a notebook, not a window: kept when figures are made off screen.
_NOTEBOOK_BACKENDS = ("inline", "ipympl", "nbagg", "widget")


def headless_backend() -> None:
    """Choose Agg for figures drawn off screen (the briefing), unless Jupyter's backend is set.

    In a Jupyter kernel the backend is the inline one (or ipympl's): it opens no window, and
    switching it to Agg would stop the notebook from showing any later figure, so it is kept.
    Anywhere else, Agg, so a GUI backend is never started (no display on servers and in CI).
    """
    import matplotlib

    chosen = dict.__getitem__(matplotlib.rcParams, "backend")  # without resolving "auto"
    if isinstance(chosen, str) and any(b in chosen.lower() for b in _NOTEBOOK_BACKENDS):
        return
    matplotlib.use("Agg", force=False)


def new_axes(ax: Any, figsize: tuple[float, float]) -> Any:
    """`ax` if given, else a new figure's single Axes (created inside the style context)."""
    if ax is not None:
        from matplotlib.axes import Axes

        if not isinstance(ax, Axes):
            raise ValidationError(
                [
                    Problem(
                        "<argument>",
                        "ax",
                        f"expected a matplotlib Axes, got {type(ax).__name__}",
                        "a matplotlib.axes.Axes or None",
                    )
                ]
            )
        return ax
    import matplotlib.pyplot as plt

    _fig, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def _decimals(step: float) -> int:
    """The fewest decimals that write every multiple of `step` exactly (at most 6)."""
    if not np.isfinite(step) or step <= 0:
        return 2
    for d in range(7):
        scaled = step * 10**d
        if abs(scaled - round(scaled)) < 1e-6 * max(1.0, scaled):
            return d
    return 6


def number_formatter(lang: str, decimals: int | None = None, scale: float = 1.0) -> Any:
    """A tick formatter writing numbers the reader's way (``0,25`` and ``14 800`` in bokmål).

    With ``decimals=None`` the number of decimals is the fewest that write every tick exactly
    (from the tick spacing). Tick values are divided by `scale` first (``scale=1e6`` for
    millions).
    """
    from matplotlib.ticker import Formatter

    from samvalg._format import fmt_number

    class ReaderFormatter(Formatter):
        def __init__(self) -> None:
            self._ticks = np.zeros(0)

        def set_locs(self, locs: Any) -> None:
            super().set_locs(locs)
            self._ticks = np.sort(np.asarray(locs, dtype=float)) / scale

        def __call__(self, x: float, pos: Any = None) -> str:
            d = decimals
            if d is None:
                ticks = self._ticks
                d = _decimals(float(np.min(np.diff(ticks)))) if ticks.size > 1 else 2
            return fmt_number(x / scale, lang, d)

    return ReaderFormatter()


def percent_formatter(lang: str, decimals: int = 0) -> Any:
    """A tick formatter for shares 0..1 written as percentages (``25 %`` in bokmål)."""
    from matplotlib.ticker import FuncFormatter

    from samvalg._format import fmt_percent

    return FuncFormatter(lambda x, pos=None: fmt_percent(x, lang, decimals))


def located(what: str, message: str, allowed: str = "") -> SamvalgError:
    """A :class:`ValidationError` with one problem about the argument `what`."""
    return ValidationError([Problem("<argument>", what, message, allowed)])


def cannot_read(what: str, thing: str, source: Any, allowed: str) -> SamvalgError:
    """The located error for an argument `what` that `thing` cannot be read from."""
    return located(what, f"cannot read {thing} from a {type(source).__name__}", allowed)


def labels_or(labels: Sequence[str] | None, n: int, name: str) -> list[str]:
    """`labels` as a list of `n` strings (``"1".."n"`` if ``None``), or a located error."""
    if labels is None:
        return [str(i + 1) for i in range(n)]
    out = [str(x) for x in labels]
    if len(out) != n:
        raise located(name, f"expected {n} labels, got {len(out)}")
    return out


def fmt_pct(x: float, lang: str, decimals: int = 0) -> str:
    """A share as a percentage in the reader's way (``12,5 %`` in bokmål)."""
    from samvalg._format import fmt_percent

    return fmt_percent(x, lang, decimals)


def fmt_num(x: float, lang: str, decimals: int = 2) -> str:
    """A number in the reader's way (``0,53``, ``14 800`` in bokmål)."""
    from samvalg._format import fmt_number

    return fmt_number(x, lang, decimals)


def option_tick(
    option: Any,
    lang: str,
    width: int = 30,
    max_lines: int = 2,
    catalogue: Catalogue | None = None,
) -> str:
    """An option's label wrapped for a tick; the host (``"(<municipality>)"``) is never cut
    off."""
    from samvalg.catalogue._labels import option_label

    label = option_label(str(option), lang, catalogue)
    if ":" in str(option) and label.endswith(")") and " (" in label:
        name, _, host = label.rpartition(" (")
        return wrap(name, width, max_lines) + f"\n({host}"
    return wrap(label, width, max_lines)


def option_name(option: Any, lang: str, catalogue: Catalogue | None = None) -> str:
    """An option's full label (``"Vertskommune (<municipality>)"``), unwrapped."""
    from samvalg.catalogue._labels import option_label

    return option_label(str(option), lang, catalogue)


def criterion_text(criterion: str, lang: str, catalogue: Catalogue | None = None) -> str:
    """A criterion's label, or `criterion` itself when it is not a catalogue id (``"1"``)."""
    from samvalg.catalogue._labels import criterion_label

    try:
        return criterion_label(criterion, lang, catalogue)
    except Exception:  # not a catalogue id (e.g. "1", "2" for an unlabelled vector)
        return criterion


def service_text(service: str, lang: str, catalogue: Catalogue | None = None) -> str:
    """A service area's label."""
    from samvalg.catalogue._labels import service_label

    return service_label(service, lang, catalogue)


def legend_outside(ax: Any, *args: Any, **kwargs: Any) -> None:
    """The legend to the right of the Axes, top-aligned with it."""
    ax.legend(*args, loc="upper left", bbox_to_anchor=(1.01, 1.0), **kwargs)


def label_bar_ends(ax: Any, y: Any, ends: Any, labels: Sequence[str]) -> None:
    """Write ``labels[i]`` just right of the end of horizontal bar ``i`` (at ``ends[i]``)."""
    for yi, end, label in zip(y, ends, labels, strict=True):
        ax.annotate(
            label,
            (float(end), float(yi)),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )


def ink_on(value: float, lo: float, hi: float) -> str:
    """Text colour that reads on the heatmap cell of `value` (colour range `lo`..`hi`)."""
    frac = (value - lo) / (hi - lo) if hi > lo else 0.5
    return "white" if frac < 0.55 else "black"


def frameless(ax: Any, which: str = "major") -> None:
    """No spines and no tick marks (heatmaps and grids, where the cells are the frame)."""
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(which=which, length=0)
