#ifndef EDGEJWT_BENCH_MALLOC_COUNTER_H
#define EDGEJWT_BENCH_MALLOC_COUNTER_H

#include <stdint.h>

/// Heap calls since the process started, counted by the malloc family that this target defines
/// (the executable's definitions interpose glibc's for every library in the process).
typedef struct {
    uint64_t allocations;  // malloc, calloc, realloc(NULL or growth to a new block), memalign family
    uint64_t frees;        // free of a non-NULL pointer
    uint64_t bytes;        // bytes requested by those allocations
} edgejwt_bench_malloc_counts;

/// A snapshot of the counters (relaxed atomics: exact in a single-threaded section).
edgejwt_bench_malloc_counts edgejwt_bench_malloc_counts_now(void);

/// Whether this process's malloc is the counting one (false if the interposition did not happen).
int edgejwt_bench_malloc_counter_active(void);

#endif
