#include "fabtoken/chips/benchmark_import.hpp"

#include "fabtoken/csv.hpp"
#include "fabtoken/errors.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <fstream>

namespace fabtoken {

namespace {

// Points grouped by configuration, in the order configurations first appear.
class CurveBuilder {
 public:
  void add(const CurveConfig& config, const CurvePoint& point) {
    for (auto& [c, points] : groups_)
      if (c == config) {
        points.push_back(point);
        return;
      }
    groups_.push_back({config, {point}});
  }
  std::vector<ThroughputCurve> build() {
    std::vector<ThroughputCurve> curves;
    for (auto& [config, points] : groups_) curves.emplace_back(config, std::move(points));
    return curves;
  }

 private:
  std::vector<std::pair<CurveConfig, std::vector<CurvePoint>>> groups_;
};

using json = nlohmann::ordered_json;

class RecordReader {
 public:
  RecordReader(std::string file, std::size_t index, const json& record)
      : where_(file + ": record " + std::to_string(index)), record_(record) {
    if (!record.is_object()) throw InvalidInput("record", where_ + ": a record must be a JSON object");
  }
  std::optional<double> number(const char* field, bool required) const {
    const auto it = record_.find(field);
    if (it == record_.end() || it->is_null()) {
      if (required) throw InvalidInput(field, where_ + ": field '" + field + "' is missing");
      return std::nullopt;
    }
    if (!it->is_number() || it->is_boolean())
      throw InvalidInput(field, where_ + ": field '" + field + "' must be a number, got " + it->dump());
    const double value = it->get<double>();
    if (!std::isfinite(value) || value < 0.0)
      throw InvalidInput(field, where_ + ": field '" + field + "' must be a finite number >= 0, got " + it->dump());
    return value;
  }
  double positive(const char* field) const { return *optional_positive(field, true); }
  std::optional<double> optional_positive(const char* field, bool required = false) const {
    const auto value = number(field, required);
    if (value && *value <= 0.0) throw InvalidInput(field, where_ + ": field '" + field + "' must be positive, got " + exact(*value));
    return value;
  }
  std::string text(const char* field, bool required) const {
    const auto it = record_.find(field);
    if (it == record_.end() || it->is_null()) {
      if (required) throw InvalidInput(field, where_ + ": field '" + field + "' is missing");
      return {};
    }
    if (!it->is_string()) throw InvalidInput(field, where_ + ": field '" + field + "' must be text, got " + it->dump());
    return it->get<std::string>();
  }
  bool has(const char* field) const { return record_.contains(field) && !record_.at(field).is_null(); }

 private:
  std::string where_;
  const json& record_;
};

template <class Q>
std::optional<Q> optional_of(std::optional<double> value, const DisplayUnit<Q>& unit) {
  return value ? std::optional(unit(*value)) : std::nullopt;
}

}  // namespace

std::vector<ThroughputCurve> read_inferencex(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw FileNotFound(path.string());
  std::ifstream stream(path, std::ios::in | std::ios::binary);
  const json document = json::parse(stream, nullptr, /*allow_exceptions=*/false);
  const json* records = &document;
  if (document.is_object() && document.contains("results")) records = &document.at("results");
  if (document.is_discarded() || !records->is_array())
    throw InvalidInput("file", path.string() + ": not a JSON array of result records (malformed JSON?)");

  CurveBuilder curves;
  for (std::size_t i = 0; i < records->size(); ++i) {
    const RecordReader r(path.string(), i, records->at(i));
    const CurveConfig config{r.text("hw", true), r.text("model", true), r.text("precision", false),
                             r.text("framework", false), r.number("isl", false).value_or(0.0),
                             r.number("osl", false).value_or(0.0), r.text("optimizations", false)};
    // Interactivity: median_intvty as given, else 1 / median_tpot (seconds per output token).
    const double interactivity = r.has("median_intvty") ? r.positive("median_intvty") : 1.0 / r.positive("median_tpot");
    CurvePoint point{tokens_per_s_per_user(interactivity),
                     tokens_per_s_per_gpu(r.positive("tput_per_gpu")),
                     optional_of(r.optional_positive("input_tput_per_gpu"), tokens_per_s_per_gpu),
                     optional_of(r.optional_positive("output_tput_per_gpu"), tokens_per_s_per_gpu),
                     optional_of(r.optional_positive("avg_power_w"), w_per_gpu),
                     optional_of(r.number("median_ttft", false), seconds),
                     optional_of(r.number("p99_ttft", false), seconds)};
    curves.add(config, point);
  }
  try {
    return curves.build();
  } catch (const InvalidInput& e) {
    throw InvalidInput(e.parameter(), path.string() + ": " + e.what());
  }
}

std::vector<ThroughputCurve> read_throughput_csv(const std::filesystem::path& path) {
  CsvFile file(path);
  constexpr std::array<std::string_view, 3> required{"chip", "interactivity_tokens_per_s_per_user", "tokens_per_s_per_gpu"};
  file.require_columns(required, "chip,model,precision,framework,input_length,output_length,"
                                 "interactivity_tokens_per_s_per_user,tokens_per_s_per_gpu[,...]");
  CurveBuilder curves;
  while (const auto row = file.next()) {
    // Lengths and TTFT may be 0; throughputs and power must be positive.
    const auto number = [&](std::string_view column, bool required_value, bool positive = false) -> std::optional<double> {
      const std::string text = file.cell(*row, column);
      if (text.empty() && !required_value) return std::nullopt;
      const auto value = parse_number(text);
      if (!value || !std::isfinite(*value) || *value < 0.0 || (positive && *value == 0.0))
        file.fail(row->line, column,
                  std::string(column) + (positive ? " must be a positive finite number" : " must be a finite number >= 0") +
                      ", got '" + text + "'");
      return value;
    };
    const CurveConfig config{file.cell(*row, "chip"), file.cell(*row, "model"), file.cell(*row, "precision"),
                             file.cell(*row, "framework"), number("input_length", false).value_or(0.0),
                             number("output_length", false).value_or(0.0), file.cell(*row, "optimizations")};
    if (config.chip.empty()) file.fail(row->line, "chip", "a result needs its chip");
    const CurvePoint point{tokens_per_s_per_user(*number("interactivity_tokens_per_s_per_user", true, true)),
                           tokens_per_s_per_gpu(*number("tokens_per_s_per_gpu", true, true)),
                           optional_of(number("input_tokens_per_s_per_gpu", false, true), tokens_per_s_per_gpu),
                           optional_of(number("output_tokens_per_s_per_gpu", false, true), tokens_per_s_per_gpu),
                           optional_of(number("power_w_per_gpu", false, true), w_per_gpu),
                           optional_of(number("ttft_median_ms", false), milliseconds),
                           optional_of(number("ttft_p99_ms", false), milliseconds)};
    try {
      curves.add(config, point);
    } catch (const InvalidInput& e) {
      file.fail(row->line, e.parameter(), e.what());
    }
  }
  try {
    return curves.build();
  } catch (const InvalidInput& e) {
    file.fail(0, e.parameter(), e.what());
  }
}

}  // namespace fabtoken
