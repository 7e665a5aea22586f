// Throughput curves: tokens/s per GPU against tokens/s per user (interactivity) for one serving
// configuration. Cost per token depends on where on the curve a chip runs: the Pareto frontier
// (no point both faster per user and higher per GPU) and interpolation along it.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/units.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fabtoken {

// What was measured: chip, model, precision, framework, input/output lengths, optimizations.
struct CurveConfig {
  std::string chip{};
  std::string model{};
  std::string precision{};
  std::string framework{};
  double input_length = 0.0;   // tokens per request (0 when not stated)
  double output_length = 0.0;
  std::string optimizations{};  // e.g. "wide EP + disaggregated prefill + MTP"
  bool operator==(const CurveConfig&) const = default;
  std::string label() const;
};

struct CurvePoint {
  TokensPerTime interactivity{};       // tokens/s per user
  TokensPerGpuTime throughput{};       // all tokens per second per deployed GPU
  std::optional<TokensPerGpuTime> input_throughput{};
  std::optional<TokensPerGpuTime> output_throughput{};
  std::optional<PowerPerGpu> power{};  // average draw per GPU
  std::optional<Duration> ttft_median{};
  std::optional<Duration> ttft_p99{};
  bool operator==(const CurvePoint&) const = default;
};

// Outside the measured interactivities: an error, or (opted into) the nearest measured value.
enum class Extrapolation { forbid, clamp };

class ThroughputCurve {
 public:
  ThroughputCurve(CurveConfig config, std::vector<CurvePoint> points);

  const CurveConfig& config() const { return config_; }
  const std::vector<CurvePoint>& points() const { return points_; }
  // The Pareto frontier: interactivity rising, throughput strictly falling; duplicates and
  // dominated points left out.
  const std::vector<CurvePoint>& frontier() const { return frontier_; }
  // Throughput at an interactivity, linear between frontier points, so monotone.
  TokensPerGpuTime throughput_at(TokensPerTime interactivity, Extrapolation = Extrapolation::forbid) const;
  std::optional<TokensPerGpuTime> input_throughput_at(TokensPerTime, Extrapolation = Extrapolation::forbid) const;
  std::optional<TokensPerGpuTime> output_throughput_at(TokensPerTime, Extrapolation = Extrapolation::forbid) const;
  std::optional<PowerPerGpu> power_at(TokensPerTime, Extrapolation = Extrapolation::forbid) const;
  // What a token costs at an interactivity for whoever pays `price` per GPU-hour.
  UsdPerToken cost_at(TokensPerTime interactivity, UsdPerGpuTime price, Extrapolation = Extrapolation::forbid) const;
  // From the measured power: energy per token and tokens per MW-year; absent without power.
  std::optional<EnergyPerToken> energy_per_token_at(TokensPerTime, Extrapolation = Extrapolation::forbid) const;
  bool operator==(const ThroughputCurve& other) const { return config_ == other.config_ && points_ == other.points_; }

 private:
  // Where `interactivity` falls on the frontier: the segment's two ends and the weight of the upper.
  struct Position {
    std::size_t lower, upper;
    double weight;
  };
  Position locate(TokensPerTime interactivity, Extrapolation) const;
  template <class Q>
  std::optional<Q> interpolate(std::optional<Q> CurvePoint::*member, TokensPerTime, Extrapolation) const;

  CurveConfig config_;
  std::vector<CurvePoint> points_;
  std::vector<CurvePoint> frontier_;
};

}  // namespace fabtoken
