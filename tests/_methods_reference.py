"""pymcdm reference runs and random problems shared by the tests/test_methods_*.py files."""

from __future__ import annotations

import numpy as np
import pymcdm
from pymcdm.methods import PROMETHEE_II, TOPSIS, VIKOR, WPM, WSM

PYMCDM_NORMALIZATIONS = ("vector", "minmax", "max", "sum", "linear")
TYPE_MIXES = {
    "benefit": lambda n: np.ones(n),
    "cost": lambda n: -np.ones(n),
    "mixed": lambda n: np.where(np.arange(n) % 2 == 0, 1.0, -1.0),
}
TOL = {"rtol": 1e-12, "atol": 1e-12}


def norm_function(kind):
    return getattr(pymcdm.normalizations, f"{kind}_normalization")


def random_problem(seed, m=7, n=5, k=1000):
    """A positive (m, n) matrix without constant columns and k random weight vectors."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(1.0, 10.0, size=(m, n))
    W = rng.dirichlet(np.ones(n), size=k)
    return X, W


def ref_wsm(X, w, types, kind):
    return WSM(norm_function(kind))(X, w, types, validation=False)


def ref_wpm(X, w, types, kind):
    return WPM(norm_function(kind))(X, w, types, validation=False)


def ref_topsis(X, w, types, kind):
    return TOPSIS(norm_function(kind))(X, w, types, validation=False)


def ref_vikor(X, w, types, kind=None, v=0.5):
    fn = None if kind is None else norm_function(kind)
    return VIKOR(fn, v=v)._method(X, w, types)[3:]  # S, R, Q


def ref_promethee(X, w, types, preference, q=None, p=None):
    # a fresh instance per call: pymcdm keeps per-criterion functions in a generator
    method = PROMETHEE_II(preference, p=p, q=q)
    return method(X, w, types, validation=False)
