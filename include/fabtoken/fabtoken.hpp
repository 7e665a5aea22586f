// Everything fabtoken offers, in one include.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/format.hpp"
#include "fabtoken/layers/api_price.hpp"
#include "fabtoken/layers/app.hpp"
#include "fabtoken/layers/bill_of_materials.hpp"
#include "fabtoken/layers/colocation.hpp"
#include "fabtoken/layers/depreciation.hpp"
#include "fabtoken/layers/gpu_rental.hpp"
#include "fabtoken/layers/server.hpp"
#include "fabtoken/layers/throughput.hpp"
#include "fabtoken/preset.hpp"
#include "fabtoken/token_factory.hpp"
#include "fabtoken/unit_catalog.hpp"
#include "fabtoken/units.hpp"
