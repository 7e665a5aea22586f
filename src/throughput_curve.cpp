#include "fabtoken/chips/throughput_curve.hpp"

#include "fabtoken/domain.hpp"
#include "fabtoken/layers/throughput.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace fabtoken {

std::string CurveConfig::label() const {
  std::string out = chip;
  for (const std::string* part : {&model, &precision, &framework, &optimizations})
    if (!part->empty()) out += " / " + *part;
  if (input_length > 0 || output_length > 0) out += " / " + exact(input_length) + " in, " + exact(output_length) + " out";
  return out;
}

namespace {
template <class Q>
void require_optional_positive(const std::string& name, const std::optional<Q>& q, const DisplayUnit<Q>& unit) {
  if (q) require_positive(name, *q, unit);
}
}  // namespace

ThroughputCurve::ThroughputCurve(CurveConfig config, std::vector<CurvePoint> points)
    : config_(std::move(config)), points_(std::move(points)) {
  for (const auto& [name, length] : {std::pair{"input_length", config_.input_length}, std::pair{"output_length", config_.output_length}})
    FABTOKEN_REQUIRE(std::isfinite(length) && length >= 0.0, name,
                     name << " must be a finite number of tokens >= 0 (0 when not stated), got " << exact(length));
  FABTOKEN_REQUIRE(!points_.empty(), "points", "curve '" << config_.label() << "' has no points");
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const CurvePoint& p = points_[i];
    const std::string at = "points[" + std::to_string(i) + "].";
    require_positive(at + "interactivity_tokens_per_s_per_user", p.interactivity, tokens_per_s_per_user);
    require_positive(at + "tokens_per_s_per_gpu", p.throughput, tokens_per_s_per_gpu);
    require_optional_positive(at + "input_tokens_per_s_per_gpu", p.input_throughput, tokens_per_s_per_gpu);
    require_optional_positive(at + "output_tokens_per_s_per_gpu", p.output_throughput, tokens_per_s_per_gpu);
    require_optional_positive(at + "power_w_per_gpu", p.power, w_per_gpu);
    if (p.ttft_median) require_non_negative(at + "ttft_median_ms", *p.ttft_median, milliseconds);
    if (p.ttft_p99) require_non_negative(at + "ttft_p99_ms", *p.ttft_p99, milliseconds);
  }
  // Sweep from the most interactive point down: a point is on the frontier when it beats the
  // throughput of every point at least as interactive.
  std::vector<CurvePoint> sorted = points_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const CurvePoint& a, const CurvePoint& b) {
    return a.interactivity != b.interactivity ? a.interactivity > b.interactivity : a.throughput > b.throughput;
  });
  TokensPerGpuTime best{};
  for (const CurvePoint& p : sorted)
    if (p.throughput > best) {
      frontier_.push_back(p);
      best = p.throughput;
    }
  std::reverse(frontier_.begin(), frontier_.end());
}

ThroughputCurve::Position ThroughputCurve::locate(TokensPerTime x, Extrapolation extrapolation) const {
  require_finite("interactivity_tokens_per_s_per_user", x, tokens_per_s_per_user);
  const TokensPerTime lo = frontier_.front().interactivity, hi = frontier_.back().interactivity;
  if (x < lo || x > hi) {
    FABTOKEN_REQUIRE(extrapolation == Extrapolation::clamp, "interactivity_tokens_per_s_per_user",
                     "interactivity " << exact(in(x, tokens_per_s_per_user)) << " tokens/s/user is outside the measured range ["
                                      << exact(in(lo, tokens_per_s_per_user)) << ", " << exact(in(hi, tokens_per_s_per_user))
                                      << "] of " << config_.label() << " (opt in to clamping to use the nearest measurement)");
    const std::size_t end = x < lo ? 0 : frontier_.size() - 1;
    return {end, end, 0.0};
  }
  const auto upper = std::lower_bound(frontier_.begin(), frontier_.end(), x,
                                      [](const CurvePoint& p, TokensPerTime v) { return p.interactivity < v; });
  const std::size_t u = static_cast<std::size_t>(upper - frontier_.begin());
  if (frontier_[u].interactivity == x) return {u, u, 0.0};
  const CurvePoint& a = frontier_[u - 1];
  const CurvePoint& b = frontier_[u];
  return {u - 1, u, (x - a.interactivity) / (b.interactivity - a.interactivity)};
}

TokensPerGpuTime ThroughputCurve::throughput_at(TokensPerTime x, Extrapolation e) const {
  const Position p = locate(x, e);
  return frontier_[p.lower].throughput * (1.0 - p.weight) + frontier_[p.upper].throughput * p.weight;
}

template <class Q>
std::optional<Q> ThroughputCurve::interpolate(std::optional<Q> CurvePoint::*member, TokensPerTime x, Extrapolation e) const {
  const Position p = locate(x, e);
  const auto& a = frontier_[p.lower].*member;
  const auto& b = frontier_[p.upper].*member;
  if (!a || !b) return std::nullopt;
  return *a * (1.0 - p.weight) + *b * p.weight;
}

std::optional<TokensPerGpuTime> ThroughputCurve::input_throughput_at(TokensPerTime x, Extrapolation e) const {
  return interpolate(&CurvePoint::input_throughput, x, e);
}
std::optional<TokensPerGpuTime> ThroughputCurve::output_throughput_at(TokensPerTime x, Extrapolation e) const {
  return interpolate(&CurvePoint::output_throughput, x, e);
}
std::optional<PowerPerGpu> ThroughputCurve::power_at(TokensPerTime x, Extrapolation e) const {
  return interpolate(&CurvePoint::power, x, e);
}

UsdPerToken ThroughputCurve::cost_at(TokensPerTime x, UsdPerGpuTime price, Extrapolation e) const {
  require_positive("price_usd_per_gpu_hour", price, usd_per_gpu_hour);
  const UsdPerToken cost = relations::cost_per_token(price, throughput_at(x, e));
  require_finite("cost_usd_per_mtok", cost, usd_per_mtok);
  return cost;
}

std::optional<EnergyPerToken> ThroughputCurve::energy_per_token_at(TokensPerTime x, Extrapolation e) const {
  const auto power = power_at(x, e);
  if (!power) return std::nullopt;
  return *power / throughput_at(x, e);
}

}  // namespace fabtoken
