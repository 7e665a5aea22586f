"""Large batch results reuse the memory of freed ones: correct values on reused memory, views keep
their memory alive, small results are not pooled, and the pool can be emptied."""

from __future__ import annotations

import gc
import pickle

import numpy as np
import pytest

import fabtoken as ft
from conftest import COMPUTE_COST  # figures.md s1; the model's gross margin at API price p is (p - it) / p

N = 200_000  # 1.6 MB per output: above the 1 MiB from which results are pooled
BLOCK = N * 8


@pytest.fixture(autouse=True)
def empty_pool():
    gc.collect()
    ft.batch.release_memory()
    yield
    gc.collect()
    ft.batch.release_memory()


def margins(h200: ft.TokenFactory, prices: np.ndarray) -> np.ndarray:
    return ft.batch.evaluate(h200, {"api_price_usd_per_mtok": prices}, outputs=["model_gross_margin"])["model_gross_margin"]


def test_freed_results_are_kept_and_taken_by_the_next_batch(h200):
    result = ft.batch.evaluate(h200, {"api_price_usd_per_mtok": np.linspace(1, 3, N)},
                               outputs=["model_gross_margin", "compute_cost_usd_per_mtok"])
    assert ft.batch.retained_bytes() == 0
    del result
    gc.collect()
    assert ft.batch.retained_bytes() == 2 * BLOCK  # two outputs of N float64 each
    again = ft.batch.evaluate(h200, {"api_price_usd_per_mtok": np.linspace(1, 3, N)},
                              outputs=["model_gross_margin", "compute_cost_usd_per_mtok"])
    assert ft.batch.retained_bytes() == 0  # both blocks taken again
    assert again["model_gross_margin"].flags.writeable and again["model_gross_margin"].flags.c_contiguous


def test_reused_memory_holds_the_new_results_only(h200):
    # A first sweep over prices 1..3 leaves its values in the freed block; a second over 4..6 on the
    # same memory must show (p - 0.7180650) / p for its own prices everywhere.
    first = margins(h200, np.linspace(1, 3, N))
    address = first.ctypes.data
    del first
    gc.collect()
    prices = np.linspace(4, 6, N)
    second = margins(h200, prices)
    assert second.ctypes.data == address  # the same block
    assert second == pytest.approx((prices - COMPUTE_COST) / prices, abs=1e-7)


def test_a_view_keeps_its_block_out_of_the_pool(h200):
    prices = np.linspace(1, 3, N)
    view = margins(h200, prices)[:10]
    gc.collect()
    assert ft.batch.retained_bytes() == 0  # the view still owns the block
    overwrite = margins(h200, np.linspace(4, 6, N))  # must not land on the view's memory
    assert view == pytest.approx((prices[:10] - COMPUTE_COST) / prices[:10], abs=1e-7)
    del view, overwrite
    gc.collect()
    assert ft.batch.retained_bytes() == 2 * BLOCK


def test_small_results_are_not_pooled(h200):
    small = margins(h200, np.linspace(1, 3, 1000))
    del small
    gc.collect()
    assert ft.batch.retained_bytes() == 0


def test_a_block_far_larger_than_asked_is_not_used(h200):
    # A freed block more than twice the size asked for stays in the pool; a new block is made.
    big = margins(h200, np.linspace(1, 3, 3 * N))
    del big
    gc.collect()
    assert ft.batch.retained_bytes() == 3 * BLOCK
    small = margins(h200, np.linspace(1, 3, N))
    assert ft.batch.retained_bytes() == 3 * BLOCK
    del small


def test_release_memory_empties_the_pool(h200):
    result = margins(h200, np.linspace(1, 3, N))
    del result
    gc.collect()
    assert ft.batch.retained_bytes() == BLOCK
    ft.batch.release_memory()
    assert ft.batch.retained_bytes() == 0


def test_results_on_pooled_memory_pickle_and_outlive_the_pool(h200):
    prices = np.linspace(1, 3, N)
    result = margins(h200, prices)
    ft.batch.release_memory()  # releasing the pool never touches memory still in use
    copy = pickle.loads(pickle.dumps(result))
    assert copy.tolist() == result.tolist()
    assert result[-1] == pytest.approx((3 - COMPUTE_COST) / 3, abs=1e-7)
