# Installs the library into a staging prefix, then configures, builds and runs examples/cpp
# against it with find_package(fabtoken), and checks what the program prints.
set(stage "${FABTOKEN_BUILD_DIR}/example-stage")
set(example_build "${FABTOKEN_BUILD_DIR}/example-build")
file(REMOVE_RECURSE "${stage}" "${example_build}")

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install "${FABTOKEN_BUILD_DIR}" --prefix "${stage}")
run(${CMAKE_COMMAND} -S "${FABTOKEN_SOURCE_DIR}/examples/cpp" -B "${example_build}"
    -DCMAKE_PREFIX_PATH=${stage} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build "${example_build}")
run("${example_build}/h200_stack" "${stage}/share/fabtoken/presets/h200-deepseek-r1.csv")

# 1.90 / (735 x 3,600 / 10^6) = 0.718 USD/Mtok; (1.75 - 0.718) / 1.75 = 59.0 %.
foreach(expected "Inference compute cost" "0.718" "Model gross margin" "58.97")
  string(FIND "${run_output}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the example's output lacks '${expected}':\n${run_output}")
  endif()
endforeach()
message(STATUS "${run_output}")
