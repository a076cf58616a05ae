// A malloc-counting shim: defines the malloc family in the benchmark executable, which the
// dynamic linker then uses for every library in the process (libswiftCore, Foundation,
// libsodium...), counts each call with relaxed atomics, and forwards to glibc's implementation
// (__libc_malloc and friends), so malloc_usable_size and everything else keep working.
#define _GNU_SOURCE
#include "MallocCounter.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);

static _Atomic uint64_t allocation_count;
static _Atomic uint64_t free_count;
static _Atomic uint64_t byte_count;
static _Atomic int active;

static inline void count_allocation(size_t size) {
    atomic_store_explicit(&active, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&allocation_count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&byte_count, size, memory_order_relaxed);
}

void *malloc(size_t size) {
    count_allocation(size);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_allocation(count * size);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    if (pointer == NULL) {
        count_allocation(size);
    } else if (size == 0) {
        atomic_fetch_add_explicit(&free_count, 1, memory_order_relaxed);
    } else {
        // A resize: counted as an allocation (it may move and copy).
        count_allocation(size);
        atomic_fetch_add_explicit(&free_count, 1, memory_order_relaxed);
    }
    return __libc_realloc(pointer, size);
}

void free(void *pointer) {
    if (pointer != NULL) atomic_fetch_add_explicit(&free_count, 1, memory_order_relaxed);
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    count_allocation(size);
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count_allocation(size);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_allocation(size);
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

edgejwt_bench_malloc_counts edgejwt_bench_malloc_counts_now(void) {
    edgejwt_bench_malloc_counts counts;
    counts.allocations = atomic_load_explicit(&allocation_count, memory_order_relaxed);
    counts.frees = atomic_load_explicit(&free_count, memory_order_relaxed);
    counts.bytes = atomic_load_explicit(&byte_count, memory_order_relaxed);
    return counts;
}

int edgejwt_bench_malloc_counter_active(void) {
    return atomic_load_explicit(&active, memory_order_relaxed);
}
