"""Samplers of a service area's weights (per level) and scores (from their low/high)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from samvalg import _sampling
from samvalg.errors import argument_error

if TYPE_CHECKING:
    from samvalg.assessment._scores import ScoreMatrix


def _order_levels(c: NDArray[np.float64]) -> NDArray[np.int64]:
    from samvalg.ranking import rank

    return np.asarray(rank(c, atol=1e-12), dtype=np.int64)


class _FlatSampler:
    """Draws weight vectors for one level (the whole view, the sets, or one set's criteria)."""

    def __init__(
        self,
        info: str,
        centre: NDArray[np.float64],
        ids: Sequence[str],
        concentration: float,
        bounds: Any,
    ) -> None:
        self.info = info
        self.centre = centre / centre.sum() if centre.sum() > 0 else centre
        self.ids = tuple(ids)
        self.concentration = concentration
        self.drawn = 0
        self.accepted = 0
        if info == "ordinal":
            self.levels = _order_levels(self.centre)
        if info == "bounds":
            self.lower, self.upper = _bounds_for(bounds, self.centre, self.ids)

    def draw(self, k: int, gen: np.random.Generator) -> NDArray[np.float64]:
        n = self.centre.size
        if n == 1:
            return np.ones((k, 1))
        if self.info == "uniform":
            return _sampling.uniform_simplex(k, n, gen)
        if self.info == "ordinal":
            return _sampling.ordinal_weights(k, self.levels, gen)
        if self.info == "elicited":
            return _sampling.dirichlet_weights(k, self.centre, self.concentration, gen)
        s = _sampling.bounded_weights(k, self.lower, self.upper, gen, batch=max(1024, 2 * k))
        self.drawn += s.drawn
        self.accepted += round(s.acceptance_rate * s.drawn)
        return s.weights


def _bounds_for(
    bounds: Any, centre: NDArray[np.float64], ids: Sequence[str]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Lower and upper bounds for one level: a relative spread, or explicit per id."""
    if bounds is None:
        raise argument_error(
            "bounds",
            "is required with weight_info='bounds'",
            "a relative spread such as 0.5 (each weight within ±50 % of its elicited "
            "value) or a mapping {id: (low, high)}",
        )
    if isinstance(bounds, int | float) and not isinstance(bounds, bool):
        r = float(bounds)
        if not (0 <= r and math.isfinite(r)):
            raise argument_error("bounds", f"a relative spread must be >= 0, got {bounds!r}")
        return np.clip(centre * (1 - r), 0, 1), np.clip(centre * (1 + r), 0, 1)
    if isinstance(bounds, Mapping):
        lo = np.zeros(len(ids))
        hi = np.ones(len(ids))
        for j, key in enumerate(ids):
            if key in bounds:
                pair = bounds[key]
                try:
                    lo[j], hi[j] = (float(pair[0]), float(pair[1]))
                except (TypeError, ValueError, IndexError):
                    raise argument_error(
                        f"bounds.{key}", f"must be a pair (low, high), got {pair!r}"
                    ) from None
        return lo, hi
    raise argument_error("bounds", f"must be a number or a mapping, got {type(bounds).__name__}")


#: Stands in for 1/0 in the triangular inverse CDF of a cell whose mode is an end point: the
#: branch that does not exist then gets a huge ``z`` and is never the smaller one.
_HUGE = 1e300
#: Cells per block of the score draws (about 256 kB: the temporaries stay in cache).
_BLOCK_CELLS = 32_768


class _CellScores:
    """Sampled scores of a view: the fixed matrix plus draws of its uncertain cells only.

    Cells with ``low == high`` never change, so only the ``C`` cells with ``low < high`` are
    drawn, one uniform each per iteration, from one generator seeded by ``xseed`` (chunk by
    chunk in sample order: the stream does not depend on the chunk size). A draw is kept as
    the deviation ``dev`` of the cell's method input from its value at the score itself, in
    the method's input units (the scale-anchored value, or ``x - lower + 1`` for WPM; with
    ``linear`` times the criterion's sign in the WSM sum).

    Triangular cells (mode ``c`` = the score, on ``[a, b]``) use the inverse CDF of one
    uniform ``P = 1 - U`` in ``(0, 1]``, without branches per cell: with ``f = (c-a)/(b-a)``,
    ``z = min(P / f, (1-P) / (1-f))`` is the one of the two that is at most 1 (the left piece
    when ``P < f``) and ``x - c = -(c-a) (1 - sqrt z)`` on the left,
    ``(b-c) (1 - sqrt z)`` on the right, which is ``x = a + sqrt(P (b-a)(c-a))``, resp.
    ``x = b - sqrt((1-P)(b-a)(b-c))``: the textbook formula. Uniform cells are
    ``a + (b-a) U``, PERT cells ``a + (b-a) Beta(1 + 4f, 1 + 4(1-f))``.

    ``linear`` (WSM without normalisation: the utility is ``sum_j w_j t_j x_ij``): the
    utilities are those of the fixed matrix plus ``sum_{cells of i} w_j dev``, so a chunk
    costs O(C) per sample on top of the fixed-score work; otherwise :meth:`matrices` builds
    the full matrices for the method's kernel.
    """

    def __init__(
        self,
        mats: Sequence[ScoreMatrix],
        options: Sequence[str],
        method: str,
        distribution: str,
        xseed: int,
        types: NDArray[np.float64],
        linear: bool,
    ) -> None:
        from samvalg.methods import get_method
        from samvalg.methods._prepared import prepare_utility

        ratio_scale = get_method(method).ratio_scale

        values, low, high, per_unit, shift = [], [], [], [], []
        for mat in mats:
            rows = [mat.option_ids.index(o) for o in options]
            values.append(np.asarray(mat.values, dtype=float)[rows])
            low.append(np.asarray(mat.low, dtype=float)[rows])
            high.append(np.asarray(mat.high, dtype=float)[rows])
            k = len(mat.criteria)
            if ratio_scale:  # input x - lower + 1 (WPM)
                per_unit.append(np.ones(k))
            else:  # input (x - lower) / (upper - lower), 1 - that for a cost criterion
                sign = np.where(np.asarray(mat.types) < 0, -1.0, 1.0)
                per_unit.append(sign / (mat.scale.upper - mat.scale.lower))
            shift.append((mat.scale, np.asarray(mat.types), k))
        val = np.concatenate(values, axis=1)
        lo = np.concatenate(low, axis=1)
        hi = np.concatenate(high, axis=1)
        units = np.concatenate(per_unit)
        X0 = np.empty_like(val)
        j = 0
        for scale, ctypes, k in shift:
            block = val[:, j : j + k]
            X0[:, j : j + k] = (
                block - scale.lower + 1.0 if ratio_scale else scale.to_01(block, ctypes)
            )
            j += k
        self.X0 = X0
        self.linear = bool(linear)
        self.distribution = distribution
        self.xseed = int(xseed)
        ii, jj = np.nonzero(hi > lo)  # row-major: the cells of each option together
        self.size = int(ii.size)
        self._ii, self._jj = ii, jj
        opts, starts = np.unique(ii, return_index=True)
        self._opts, self._starts = opts, starts
        ends = [*starts[1:].tolist(), ii.size] if ii.size else []
        self._segments = list(zip(opts.tolist(), starts.tolist(), ends, strict=True))
        a, c, b = lo[ii, jj], val[ii, jj], hi[ii, jj]
        u = units[jj] * (types[jj] if self.linear else 1.0)
        width, ca, bc = b - a, c - a, b - c
        self._f = ca / width
        self._invf = np.divide(width, ca, out=np.full(ii.size, _HUGE), where=ca > 0)
        self._invg = np.divide(width, bc, out=np.full(ii.size, _HUGE), where=bc > 0)
        self._bc_u = bc * u
        self._w_u = width * u
        self._lo_u = (a - c) * u
        self._alpha = 1.0 + 4.0 * self._f
        self._beta = 1.0 + 4.0 * (bc / width)
        self._base = prepare_utility("wsm", X0, types, normalization="none") if linear else None

    def stream(self) -> Callable[..., NDArray[np.float64]]:
        """A fresh draw function ``(k, out=None) -> dev (k, C)``, restarted at the seed on every
        call (``out``: a C-contiguous (k, C) array to draw into).

        The per-cell constants of the triangular inverse CDF are tiled once to a whole block
        (rows x C, contiguous): with ~100 cells a row, an operand broadcast over the rows
        makes each NumPy operation ~100 short inner loops (about 3x the time of one
        contiguous pass); the operations and their operands are the same, so are the draws.
        """
        g = np.random.default_rng(self.xseed)
        C = self.size
        rows = max(1, _BLOCK_CELLS // max(C, 1))
        tiles: dict[str, NDArray[np.float64]] = {}

        def tiled(name: str, a: NDArray[np.float64], r: int) -> NDArray[np.float64]:
            t = tiles.get(name)
            if t is None:
                t = np.ascontiguousarray(np.broadcast_to(a, (rows, C)))
                tiles[name] = t
            return t[:r]

        def draw(k: int, out: NDArray[np.float64] | None = None) -> NDArray[np.float64]:
            if self.distribution == "pert":
                d = g.beta(
                    np.broadcast_to(self._alpha, (k, C)), np.broadcast_to(self._beta, (k, C))
                )
                d *= self._w_u
                d += self._lo_u
                if out is None:
                    return d
                out[...] = d
                return out
            if out is None:
                out = np.empty((k, C))
            z = np.empty((min(rows, k), C))
            left = np.empty(z.shape, dtype=bool)
            for s in range(0, k, rows):  # blocks that stay in cache; the same stream
                u = out[s : s + rows]
                r = u.shape[0]
                g.random(out=u)
                if self.distribution == "uniform":
                    u *= tiled("w_u", self._w_u, r)
                    u += tiled("lo_u", self._lo_u, r)
                    continue
                zb, lb = z[:r], left[:r]
                np.subtract(1.0, u, out=zb)  # P
                np.less(zb, tiled("f", self._f, r), out=lb)
                zb *= tiled("invf", self._invf, r)
                u *= tiled("invg", self._invg, r)  # (1 - P) / (1 - f)
                np.fmin(zb, u, out=zb)
                np.sqrt(zb, out=zb)
                np.subtract(1.0, zb, out=zb)
                np.multiply(lb, tiled("w_u", self._w_u, r), out=u)
                # -(c-a) on the left, (b-c) on the right
                np.subtract(tiled("bc_u", self._bc_u, r), u, out=u)
                u *= zb
            return out

        return draw

    def matrices(self, dev: NDArray[np.float64]) -> NDArray[np.float64]:
        """The method inputs (k, m, n) of a chunk of draws."""
        X = np.empty((dev.shape[0], *self.X0.shape))
        X[...] = self.X0
        X[:, self._ii, self._jj] += dev
        return X

    def utilities(self, dev: NDArray[np.float64], W: NDArray[np.float64]) -> NDArray[np.float64]:
        """Linear WSM: utilities (m, k) for weights ``W`` (k, n), one per draw."""
        assert self._base is not None
        U = np.asarray(self._base(W), dtype=float)  # a fresh array: updated in place
        if self.size:
            # in blocks of rows that stay in cache (one buffer reused: no fresh pages a chunk);
            # each row's products and segment sums are those of the whole chunk at once
            k, C = W.shape[0], self.size
            rows = max(1, _BLOCK_CELLS // C)
            P = np.empty((min(rows, k), C))
            S = np.empty((P.shape[0], self._starts.size))
            for s in range(0, k, rows):
                e = min(k, s + rows)
                Pb = P[: e - s]
                np.take(W[s:e], self._jj, axis=1, out=Pb)
                Pb *= dev[s:e]
                Sb = np.add.reduceat(Pb, self._starts, axis=1, out=S[: e - s])
                U[self._opts, s:e] += Sb.T
        return U

    def utilities_at(
        self,
        dev: NDArray[np.float64],
        cws: NDArray[np.float64],
        out: NDArray[np.float64] | None = None,
    ) -> NDArray[np.float64]:
        """Linear WSM: utilities (h, m, k) of every draw under each of ``cws`` (h, n).

        Alternatives-major (each option's k draws contiguous), so that the confidence pass's
        rank-1 test is a maximum over rows, vectorised along the draws. ``out`` (h, m, k),
        optional: a buffer to write them to (reused chunk after chunk).
        """
        assert self._base is not None
        base = np.asarray(self._base(cws), dtype=float)  # (m, h)
        shape = (cws.shape[0], self.X0.shape[0], dev.shape[0])
        if out is None:
            out = np.empty(shape)
        Q = np.take(cws, self._jj, axis=1)  # (h, C)
        prod = np.empty((dev.shape[0], cws.shape[0]))
        done = np.zeros(shape[1], dtype=bool)
        for o, s, e in self._segments:
            np.matmul(dev[:, s:e], Q[:, s:e].T, out=prod)
            np.add(prod.T, base[o][:, None], out=out[:, o, :])  # base + prod, one rounding
            done[o] = True
        for o in np.flatnonzero(~done):
            out[:, o, :] = base[o][:, None]
        return out
