// Benchmark results into throughput curves, one curve per configuration (chip, model, framework,
// precision, input and output lengths). Errors name the file, the record and the field; files are
// only read. Duplicate or dominated points are kept and left to the Pareto frontier.
//
// InferenceX aggregated results: a JSON array of records (or {"results": [...]}) with fields hw,
// model, framework, precision, isl, osl, conc, tp, tput_per_gpu, input_tput_per_gpu,
// output_tput_per_gpu, median_intvty (tokens/s/user) or median_tpot (seconds per output token:
// interactivity = 1 / median_tpot, i.e. 1000 / TPOT in ms), median_ttft and p99_ttft (seconds, as
// InferenceX aggregates them), avg_power_w (W per GPU).
//
// CSV: chip, model, precision, framework, input_length, output_length,
// interactivity_tokens_per_s_per_user, tokens_per_s_per_gpu[, input_tokens_per_s_per_gpu,
// output_tokens_per_s_per_gpu, power_w_per_gpu, ttft_median_ms, ttft_p99_ms, optimizations].
#pragma once

#include "fabtoken/chips/throughput_curve.hpp"

#include <filesystem>
#include <vector>

namespace fabtoken {

std::vector<ThroughputCurve> read_inferencex(const std::filesystem::path& json_file);
std::vector<ThroughputCurve> read_throughput_csv(const std::filesystem::path& csv_file);

}  // namespace fabtoken
