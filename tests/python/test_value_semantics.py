"""Value semantics of every fabtoken value type: repr that round-trips, equality, hashing, copying,
pickling over every protocol, and with_() returning a new object."""

from __future__ import annotations

import copy
import pickle

import pytest

import fabtoken as ft
from conftest import run_in_child, value_semantics_tests

u = ft.units


def h200_factory() -> ft.TokenFactory:
    return ft.presets.token_factory("h200-deepseek-r1")


def example_bom() -> ft.BillOfMaterials:
    return ft.BillOfMaterials([
        ft.Component(name="GPU board", count=8, unit_cost_usd=20_000, supplier_gross_margin=0.75),
        ft.Component(name='a "quoted", odd name', unit_cost_usd=30_000, supplier_gross_margin=0.0),
    ])


# Each value type: (a maker of one value, a maker of a different value of the same type).
VALUES = {
    "Server": (lambda: h200_factory().server, lambda: h200_factory().server.with_(gpus_per_server=4)),
    "Depreciation": (lambda: h200_factory().depreciation,
                     lambda: h200_factory().depreciation.with_(cost_of_capital_per_year=0.1)),
    "Colocation": (lambda: h200_factory().colocation, lambda: h200_factory().colocation.with_(pue=1.3)),
    "GpuRental": (lambda: h200_factory().rental, lambda: h200_factory().rental.with_(utilization=0.8)),
    "Throughput": (lambda: h200_factory().throughput, lambda: h200_factory().throughput.with_(tokens_per_s_per_gpu=1)),
    "ApiPrice": (lambda: h200_factory().api_price, lambda: h200_factory().api_price.with_(api_price_usd_per_mtok=2)),
    "App": (lambda: h200_factory().app, lambda: h200_factory().app.with_(arpu_usd_per_month=25)),
    "TokenFactory": (h200_factory, lambda: h200_factory().with_(rental_usd_per_gpu_hour=2.10)),
    "Component": (lambda: example_bom().components[0],
                  lambda: ft.Component(name="GPU board", count=8, unit_cost_usd=20_000, supplier_gross_margin=0.7)),
    "BillOfMaterials": (example_bom, lambda: ft.BillOfMaterials(example_bom().components[:1])),
}
REPR_TYPES = list(VALUES)
PICKLE_VALUES = {**VALUES,
                 "Quantity": (lambda: u.usd_per_kwh(0.087), lambda: u.usd_per_kwh(0.088)),
                 "Unit": (lambda: u.usd_per_kwh, lambda: u.usd_per_mwh)}
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)

# Equality, hashing, copies, pickling on every protocol and (for most) a repr that evaluates back.
globals().update(value_semantics_tests(PICKLE_VALUES, repr_round_trips=REPR_TYPES))


def test_repr_of_a_layer_names_each_keyword_with_its_value():
    rental = ft.GpuRental(rental_usd_per_gpu_hour=2.5, utilization=0.75)
    assert repr(rental) == "GpuRental(rental_usd_per_gpu_hour=2.5, utilization=0.75)"


def test_layers_of_different_types_with_the_same_number_are_unequal():
    assert ft.ApiPrice(api_price_usd_per_mtok=2) != ft.Throughput(tokens_per_s_per_gpu=2)


def test_a_deep_copy_inside_a_container_is_equal():
    h200 = h200_factory()
    assert copy.deepcopy({"stack": [h200, h200.server]}) == {"stack": [h200, h200.server]}


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_stack_result_refuses_to_pickle_with_type_error(protocol):
    # StackEconomics is a result, not a value type: it cannot be pickled, and must say so.
    def attempt() -> None:
        with pytest.raises(TypeError):
            pickle.dumps(h200_factory().evaluate(), protocol=protocol)

    assert run_in_child(attempt) == "ok"


def test_a_pickled_unit_is_the_catalog_unit():
    assert pickle.loads(pickle.dumps(u.usd_per_kwh)) == u.usd_per_kwh
    assert pickle.loads(pickle.dumps(u.usd_per_mwh(87))).unit.symbol == "USD/MWh"


@pytest.mark.parametrize("kind", [k for k in REPR_TYPES if k not in ("TokenFactory", "Component", "BillOfMaterials")])
def test_a_layer_with_returns_a_new_layer_and_leaves_the_original_untouched(kind):
    make, make_other = VALUES[kind]
    original, other = make(), make_other()
    before = original.inputs()
    changed = original.with_(**other.inputs())
    assert changed == other
    assert changed != original
    assert original.inputs() == before
    assert original.with_() == original
    assert original.with_() is not original


def test_a_token_factory_with_returns_a_new_factory_and_leaves_the_original_untouched():
    original = h200_factory()
    before = original.inputs()
    changed = original.with_(pue=1.5, utilization=0.5)
    assert changed is not original
    assert original.inputs() == before
    assert (changed.inputs()["pue"], changed.inputs()["utilization"]) == (1.5, 0.5)
    assert original.with_() == original
    assert original.with_() is not original
