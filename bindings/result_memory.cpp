#include "result_memory.hpp"

#include <cstdint>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace fabtoken::python {
namespace {

constexpr std::align_val_t alignment{64};  // a cache line

struct Block {
  void* data;
  std::size_t bytes;
};

Block allocate(std::size_t bytes) {
  void* data = ::operator new(bytes, alignment);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // As NumPy does for large arrays: 2 MB pages where the kernel allows them, a 512th of the faults.
  constexpr std::uintptr_t page = 4096;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
  const auto end = reinterpret_cast<std::uintptr_t>(data) + bytes;
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice: failure is harmless
#endif
  return {data, bytes};
}

void deallocate(const Block& block) { ::operator delete(block.data, alignment); }

class Pool {
 public:
  // The smallest free block that holds `bytes` and is at most twice as large, else a new block.
  Block take(std::size_t bytes) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      auto best = free_.end();
      for (auto it = free_.begin(); it != free_.end(); ++it)
        if (it->bytes >= bytes && it->bytes / 2 <= bytes && (best == free_.end() || it->bytes < best->bytes)) best = it;
      if (best != free_.end()) {
        const Block block = *best;
        free_.erase(best);
        retained_ -= block.bytes;
        return block;
      }
    }
    return allocate(bytes);
  }

  void give_back(const Block& block) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (retained_ + block.bytes <= retained_limit_bytes) {
        free_.push_back(block);
        retained_ += block.bytes;
        return;
      }
    }
    deallocate(block);
  }

  std::size_t retained() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return retained_;
  }

  void release() {
    std::vector<Block> blocks;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      blocks.swap(free_);
      retained_ = 0;
    }
    for (const Block& block : blocks) deallocate(block);
  }

 private:
  std::mutex mutex_;  // arrays are freed with the GIL held, but not every Python has a GIL
  std::vector<Block> free_;
  std::size_t retained_ = 0;
};

// Never destroyed: arrays may still be freed while the interpreter shuts down.
Pool& pool() {
  static Pool* const instance = new Pool;
  return *instance;
}

}  // namespace

py::array_t<double> result_array(std::size_t n) {
  const std::size_t bytes = n * sizeof(double);
  if (bytes < pooled_min_bytes) return py::array_t<double>(static_cast<py::ssize_t>(n));
  auto* block = new Block(pool().take(bytes));
  // The array owns the block through this capsule; when NumPy frees the array, the block goes back.
  const py::capsule owner(block, [](void* p) {
    const auto* freed = static_cast<Block*>(p);
    pool().give_back(*freed);
    delete freed;
  });
  return py::array_t<double>({static_cast<py::ssize_t>(n)}, {static_cast<py::ssize_t>(sizeof(double))},
                             static_cast<double*>(block->data), owner);
}

std::size_t retained_result_bytes() { return pool().retained(); }

void release_result_memory() { pool().release(); }

}  // namespace fabtoken::python
