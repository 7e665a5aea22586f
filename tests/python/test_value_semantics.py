"""Value semantics of every fabtoken value type: repr that round-trips, equality, hashing, copying,
pickling over every protocol, and with_() returning a new object."""

from __future__ import annotations

import copy
import pickle

import pytest

import fabtoken as ft
from conftest import run_in_child

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


@pytest.mark.parametrize("kind", REPR_TYPES)
def test_repr_evaluates_back_to_an_equal_object(kind):
    make, _ = VALUES[kind]
    value = make()
    text = repr(value)
    assert text.startswith(kind + "(")
    assert eval(text, vars(ft)) == value  # noqa: S307 - the repr is the library's own


def test_repr_of_a_layer_names_each_keyword_with_its_value():
    rental = ft.GpuRental(rental_usd_per_gpu_hour=2.5, utilization=0.75)
    assert repr(rental) == "GpuRental(rental_usd_per_gpu_hour=2.5, utilization=0.75)"


@pytest.mark.parametrize("kind", list(PICKLE_VALUES))
def test_equal_objects_compare_equal_and_hash_alike(kind):
    make, _ = PICKLE_VALUES[kind]
    a, b = make(), make()
    assert a == b
    assert not (a != b)
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


@pytest.mark.parametrize("kind", list(PICKLE_VALUES))
def test_a_changed_object_compares_unequal(kind):
    make, make_other = PICKLE_VALUES[kind]
    assert make() != make_other()
    assert not (make() == make_other())


@pytest.mark.parametrize("kind", list(PICKLE_VALUES))
def test_comparing_with_another_type_is_false_not_an_error(kind):
    make, _ = PICKLE_VALUES[kind]
    value = make()
    assert (value == "something else") is False
    assert (value != 3) is True
    assert value not in [None, 1.0, "x"]


def test_layers_of_different_types_with_the_same_number_are_unequal():
    assert ft.ApiPrice(api_price_usd_per_mtok=2) != ft.Throughput(tokens_per_s_per_gpu=2)


@pytest.mark.parametrize("kind", REPR_TYPES)
@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_a_copy_is_an_equal_new_object(kind, copier):
    make, _ = VALUES[kind]
    value = make()
    duplicate = copier(value)
    assert duplicate == value
    assert duplicate is not value
    assert type(duplicate) is type(value)


def test_a_deep_copy_inside_a_container_is_equal():
    h200 = h200_factory()
    assert copy.deepcopy({"stack": [h200, h200.server]}) == {"stack": [h200, h200.server]}


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("kind", list(PICKLE_VALUES))
def test_pickle_round_trips_over_every_protocol(kind, protocol):
    make, _ = PICKLE_VALUES[kind]

    def round_trip() -> None:
        value = make()
        restored = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert type(restored) is type(value)
        assert restored == value, f"{restored!r} != {value!r}"

    # In a forked child: a crash of the interpreter fails this case only.
    assert run_in_child(round_trip) == "ok"


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
