// The value of work: a task's token cost against the cost of the human hours it replaces.
#pragma once

#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

class ValueOfWork {
 public:
  struct Inputs {
    Usd token_cost_per_task;
    Duration human_time_per_task;
    UsdPerTime human_cost_rate;  // fully loaded cost of an hour of the person's time
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "ValueOfWork";
  static constexpr std::array fields{
      field<&Inputs::token_cost_per_task, usd>("token_cost_usd", "Token cost of the task"),
      field<&Inputs::human_time_per_task, hours>("human_hours", "Human time the task replaces"),
      field<&Inputs::human_cost_rate, usd_per_hour>("human_usd_per_hour", "Cost of an hour of human time"),
  };

  explicit ValueOfWork(const Inputs& inputs) : inputs_(inputs) {
    require_non_negative("token_cost_usd", inputs.token_cost_per_task, usd);
    require_positive("human_hours", inputs.human_time_per_task, hours);
    require_positive("human_usd_per_hour", inputs.human_cost_rate, usd_per_hour);
  }

  const Inputs& inputs() const { return inputs_; }
  Usd human_cost() const { return inputs_.human_time_per_task * inputs_.human_cost_rate; }
  // Token cost as a share of the human cost.
  Fraction cost_ratio() const { return inputs_.token_cost_per_task / human_cost(); }
  Usd savings() const { return human_cost() - inputs_.token_cost_per_task; }
  bool operator==(const ValueOfWork&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
