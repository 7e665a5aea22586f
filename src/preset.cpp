#include "fabtoken/preset.hpp"

namespace fabtoken {

TokenFactoryPreset read_token_factory(const std::filesystem::path& csv_file) {
  std::vector<ParameterSpec> specs;
  for (const auto& p : TokenFactory::parameters()) specs.push_back({p.name, p.unit});
  const ParameterFile file = read_parameter_file(csv_file, specs);
  return file.build_with_context([&] {
    TokenFactory::Inputs inputs{};
    for (const auto& [name, value] : file.values) set_input(inputs, name, value);
    return TokenFactoryPreset{TokenFactory(inputs), file.provenance};
  });
}

}  // namespace fabtoken
