"""The fast paths of sensitivity give the same results as the public kernels, exactly.

VIKOR's sweeps run on its prepared form (the regrets once) and its score search on matrices
that differ in one column (the other columns' regrets once); both use the kernel's own
arithmetic, so every sweep value, crossover, threshold and score threshold equals the result
of the plain path (the public function on whole matrices) bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest

import samvalg
import samvalg.methods._prepared as prepared_module
import samvalg.sensitivity._scores as scores_module
from samvalg.errors import ValidationError
from samvalg.methods import get_method
from samvalg.methods._vikor import _column_replaced_utility
from samvalg.sensitivity import score_sensitivity, sensitivity_service, weight_sweep

rng = np.random.default_rng(7)
X = rng.uniform(0.0, 1.0, size=(6, 9))
W = rng.dirichlet(np.ones(9))
TYPES = np.where(np.arange(9) % 4 == 3, -1.0, 1.0)


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Disable VIKOR's prepared form and column-replaced search (the public kernel only)."""
    monkeypatch.setattr(prepared_module, "prepare_utility", lambda *a, **k: None)
    monkeypatch.setattr(scores_module, "_replaced", lambda *a, **k: None)


def _sweep_facts(s):
    th = [(t.weight, t.new_top) if t else None for t in (s.increase, s.decrease)]
    return s.top, s.crossovers, th, s.values.tobytes()


@pytest.mark.parametrize("kw", [{}, {"v": 0.2}, {"normalization": "minmax"}])
def test_vikor_column_replaced_equals_public_bit_for_bit(kw):
    kind, v = kw.get("normalization"), kw.get("v", 0.5)
    f = _column_replaced_utility(X, W, TYPES, kind, v)
    js = np.array([0, 3, 3, 8, 5, 0])
    cols = X[:, js] + rng.normal(0.0, 0.3, size=(6, js.size))
    cols[:, 1] = 0.5  # a constant replacement column: no regret on it
    cols[0, 2] = X[:, 3].max() + 1.0  # a new best value of its column
    stack = np.repeat(X[None], js.size, axis=0)
    stack[np.arange(js.size), :, js] = cols.T
    want = get_method("vikor").utility(stack, W, TYPES, **kw)
    assert np.array_equal(f(cols, js).T, want)


@pytest.mark.parametrize("kw", [{}, {"v": 0.8}, {"normalization": "max"}])
def test_vikor_score_sensitivity_equals_plain_path(monkeypatch, kw):
    fast = score_sensitivity(X, W, TYPES, method="vikor", **kw)
    _plain(monkeypatch)
    plain = score_sensitivity(X, W, TYPES, method="vikor", **kw)
    for name in ("increase", "decrease", "leaves_scale_increase", "leaves_scale_decrease"):
        assert np.array_equal(getattr(fast, name), getattr(plain, name), equal_nan=True), name
    assert fast.top == plain.top
    assert np.isfinite(fast.increase).any() and np.isfinite(fast.decrease).any()


def test_vikor_score_search_with_a_zero_column(monkeypatch):
    Xz = X.copy()
    Xz[:, 2] = 0.0  # every option at the bottom: a constant column, as in MethodSpec.utility
    fast = score_sensitivity(Xz, W, TYPES, method="vikor", normalization="vector")
    with pytest.raises(ValidationError):  # 'max' is undefined on a column with maximum 0
        score_sensitivity(Xz, W, TYPES, method="vikor", normalization="max")
    _plain(monkeypatch)
    plain = score_sensitivity(Xz, W, TYPES, method="vikor", normalization="vector")
    assert np.array_equal(fast.increase, plain.increase, equal_nan=True)
    assert np.array_equal(fast.decrease, plain.decrease, equal_nan=True)
    with pytest.raises(ValidationError):
        score_sensitivity(Xz, W, TYPES, method="vikor", normalization="max")


def test_vikor_sweeps_equal_plain_path(monkeypatch):
    fast = [_sweep_facts(weight_sweep(X, W, TYPES, j, method="vikor")) for j in range(9)]
    _plain(monkeypatch)
    plain = [_sweep_facts(weight_sweep(X, W, TYPES, j, method="vikor")) for j in range(9)]
    assert fast == plain
    assert any(f[1] for f in fast)  # some crossovers to compare


@pytest.mark.parametrize("sid", ["plan", "lonn"])
def test_example_vikor_service_equals_plain_path(monkeypatch, sid):
    a = samvalg.example_assessment()
    fast = sensitivity_service(a, sid, method="vikor")
    _plain(monkeypatch)
    plain = sensitivity_service(a, sid, method="vikor")
    sweeps = {**fast.criterion_sweeps, **fast.set_sweeps}
    for key, sw in {**plain.criterion_sweeps, **plain.set_sweeps}.items():
        assert _sweep_facts(sweeps[key]) == _sweep_facts(sw), key
    assert np.array_equal(fast.scores.increase, plain.scores.increase, equal_nan=True)
    assert np.array_equal(fast.scores.decrease, plain.scores.decrease, equal_nan=True)


@pytest.mark.parametrize(
    ("method", "kw"),
    [("topsis", {}), ("vikor", {}), ("wpm", {"normalization": "sum"}), ("promethee_ii", {})],
)
def test_score_search_of_both_directions_together_equals_one_at_a_time(method, kw):
    """Increase and decrease searched in one batch give each direction's own result."""
    from samvalg.methods._normalization import NORMALIZATIONS
    from samvalg.sensitivity._sweep import _utility_fn

    spec, utility = _utility_fn(method, kw.get("normalization"), {})
    Xp = X + 0.5  # positive, for WPM's ratio scale
    col_kw = {"normalization": kw.get("normalization")} if spec.accepts_normalization else {}
    assert col_kw.get("normalization") in (None, *NORMALIZATIONS)
    columns = scores_module._column_terms(spec, TYPES, 9, col_kw) if spec.additive else None
    separable = None if spec.additive else scores_module._separable(spec, Xp, TYPES, col_kw)
    replaced = None
    if not spec.additive and separable is None:
        replaced = scores_module._replaced(spec, Xp, W, TYPES, col_kw)
    U0 = utility(Xp, W, TYPES)
    cand = np.arange(6)
    top = int(cand[np.argmax(U0)])
    reach = np.full((2, 6, 9), 1.5)
    reach[1] = np.minimum(reach[1], Xp * (1 - 1e-9))
    args = (Xp, W, TYPES, utility, cand, top)
    rest = (32, np.full(9, 1e-10 * 1.5), 1e-12 * float(np.abs(U0).max()))
    fast = (columns, separable, replaced)
    both = scores_module._first_change(*args, (+1, -1), reach, *rest, *fast)
    up = scores_module._first_change(*args, (+1,), reach[:1], *rest, *fast)
    down = scores_module._first_change(*args, (-1,), reach[1:], *rest, *fast)
    assert np.array_equal(both, np.concatenate([up, down]), equal_nan=True)
    assert np.isfinite(both).any()
