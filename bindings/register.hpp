// One registration function per binding source file; module.cpp calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace fabtoken::python {
void register_value_types(pybind11::module_& m);
void register_units(pybind11::module_& m);
void register_layers(pybind11::module_& m);
void register_bill_of_materials(pybind11::module_& m);
void register_token_factory(pybind11::module_& m);
void register_pricing(pybind11::module_& m);
void register_price_catalog(pybind11::module_& m);
void register_deals(pybind11::module_& m);
void register_chips(pybind11::module_& m);
void register_cluster(pybind11::module_& m);
void register_revenue(pybind11::module_& m);
void register_batch(pybind11::module_& m);
}  // namespace fabtoken::python
