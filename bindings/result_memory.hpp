// Memory for large batch results, reused. Fresh memory costs the operating system a page fault and a
// zeroing of every page on first write: for a sweep of 10 million scenarios that takes about as long
// as the kernel itself. So the blocks behind large result arrays go back to a pool when NumPy frees
// the arrays, and the next batch's results take them from there, as PyTorch's and CuPy's caching
// allocators do. The pool keeps at most `retained_limit_bytes`; release_result_memory() empties it.
#pragma once

#include <pybind11/numpy.h>

#include <cstddef>

namespace fabtoken::python {

namespace py = pybind11;

// Arrays smaller than this come from NumPy: their pages are few and cheap.
inline constexpr std::size_t pooled_min_bytes = std::size_t{1} << 20;
inline constexpr std::size_t retained_limit_bytes = std::size_t{2} << 30;

// An uninitialized float64 array of n values; memory from the pool when it is large.
py::array_t<double> result_array(std::size_t n);

// What the pool holds now, and a way to give it all back to the operating system.
std::size_t retained_result_bytes();
void release_result_memory();

}  // namespace fabtoken::python
