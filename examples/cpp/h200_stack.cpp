// Prints the H200 token-factory stack from a preset file, then asks one question of it: what
// does a token cost the model provider if the rental price rises to 2.10 USD per GPU-hour?
//
//   h200_stack /usr/local/share/fabtoken/presets/h200-deepseek-r1.csv
#include <fabtoken/fabtoken.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: h200_stack PRESET.csv\n";
    return 2;
  }
  try {
    using namespace fabtoken;
    const TokenFactory h200 = read_token_factory(argv[1]).factory;
    std::cout << format_table(h200.rows());

    const TokenFactory dearer = h200.with("rental_usd_per_gpu_hour", 2.10);
    std::cout << "\nAt 2.10 USD/hr/GPU the compute cost is "
              << format_value(in(dearer.evaluate().compute_cost, usd_per_mtok)) << " USD/Mtok.\n";
  } catch (const std::exception& e) {
    std::cerr << "h200_stack: " << e.what() << '\n';
    return 1;
  }
}
