"""Issue 15: the SMAA engine's scratch buffers are reused chunk after chunk without aliasing.

The chunk loop writes its temporaries (sorted utilities, positions, ranks, comparison
blocks, the confidence pass's utilities) into buffers made once per run. These tests check
that a buffer is reused and grows when needed, that the ranks kept per chunk are not
overwritten by the next chunk, and that a second accumulation into the same statistics
(the buffers already filled) gives the definition's counts again.
"""

from __future__ import annotations

import numpy as np
import pytest

import samvalg
from samvalg.smaa import _engine, smaa2, smaa_service
from test_smaa_speed_invariants import _stats


def test_scratch_reuses_one_buffer_and_grows():
    st = _stats(3, 2)
    a = _engine._scratch(st, "x", (4, 5), np.float64)
    b = _engine._scratch(st, "x", (3, 5), np.float64)  # a smaller last chunk: the same memory
    assert a.flags.c_contiguous and b.flags.c_contiguous
    assert np.shares_memory(a, b)
    c = _engine._scratch(st, "x", (6, 5), np.float64)  # larger: a new buffer
    assert c.shape == (6, 5) and not np.shares_memory(a, c)
    d = _engine._scratch(st, "x", (6, 5), np.int8)  # another dtype: a new buffer
    assert d.dtype == np.int8


def _ranks_by_definition(U: np.ndarray) -> np.ndarray:
    """Ranks (N, m) of utilities (N, m): 1 + #{l : u_l > u_i + 1e-10}."""
    return 1 + (U[:, None, :] > U[:, :, None] + 1e-10).sum(axis=2)


@pytest.mark.parametrize("m", [6, 40])
def test_kept_ranks_of_every_chunk_survive_the_next_chunk(m):
    rng = np.random.default_rng(m)
    X = rng.integers(1, 4, size=(m, 4)).astype(float)  # ties in many samples
    r = smaa2(X, np.ones(4), n=2500, seed=3, chunk_size=700, keep_draws=True)
    assert r.draws is not None
    ranks = _ranks_by_definition(r.draws.utilities)
    assert np.array_equal(r.draws.ranks, ranks)
    counts = np.stack([np.bincount(ranks[:, i] - 1, minlength=m) for i in range(m)])
    assert np.array_equal(np.rint(r.rank_acceptability * 2500).astype(np.int64), counts)


@pytest.mark.parametrize("m", [7, 45])
def test_second_accumulation_with_filled_buffers_matches_the_definition(m):
    rng = np.random.default_rng(m + 1)
    n, K = 3, 301
    st = _stats(m, n)
    U1, U2 = rng.random((m, K)), rng.random((m, K - 40))
    W1, W2 = rng.random((K, n)), rng.random((K - 40, n))
    b1 = _engine._accumulate(st, U1, W1).copy()
    b2 = _engine._accumulate(st, U2, W2)
    for U, b in ((U1, b1), (U2, b2)):
        assert np.array_equal(b.T + 1, _ranks_by_definition(U.T))
    ranks = np.concatenate([b1, b2], axis=1)
    counts = np.stack([np.bincount(ranks[i], minlength=m) for i in range(m)])
    assert np.array_equal(st.rank_counts, counts)


def test_confidence_with_sampled_cells_is_the_rank_one_share_under_central_weights():
    A = samvalg.example_assessment()
    r = smaa_service(A, "plan", n=1500, seed=2, score_uncertainty="triangular").result
    assert np.all(r.confidence[~np.isnan(r.confidence)] >= 0)
    assert np.all(r.confidence[~np.isnan(r.confidence)] <= 1)
    # the first-rank acceptability is positive exactly where a central weight exists
    has = r.rank_acceptability[:, 0] > 0
    assert np.array_equal(~np.isnan(r.confidence), has)
