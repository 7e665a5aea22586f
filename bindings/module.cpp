#include "register.hpp"

#include "fabtoken/errors.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "fabtoken's compiled core; import the public API from the fabtoken package.";
  pybind11::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const fabtoken::FileNotFound& e) {
      PyErr_SetString(PyExc_FileNotFoundError, e.what());
    }
  });
  fabtoken::python::register_value_types(m);
  fabtoken::python::register_units(m);
  fabtoken::python::register_layers(m);
  fabtoken::python::register_bill_of_materials(m);
  fabtoken::python::register_token_factory(m);
  fabtoken::python::register_pricing(m);
  fabtoken::python::register_price_catalog(m);
  fabtoken::python::register_deals(m);
  fabtoken::python::register_chips(m);
  fabtoken::python::register_cluster(m);
  fabtoken::python::register_revenue(m);
  fabtoken::python::register_batch(m);
}
