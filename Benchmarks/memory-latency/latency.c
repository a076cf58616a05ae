// What one random read from memory costs on this machine, by working-set size: a chain of
// dependent loads (each load's result is the next load's index) through one 8-byte slot per
// 64-byte cache line, visited in a random order, so that neither the out-of-order core nor the
// prefetcher can fetch ahead. docs/revocation-format.md §8 uses it for the floor of a revocation
// lookup (one such read into the 4.75 MB of remainders of a 1M-entry list).
//
//   gcc -O2 -o /tmp/latency Benchmarks/memory-latency/latency.c && /tmp/latency
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { line_bytes = 64, slots_per_line = line_bytes / sizeof(uint64_t), loads = 3000000 };

static double nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e9 + now.tv_nsec;
}

/// A uniform random index below `bound`, from two calls of rand() (RAND_MAX is 2^31 - 1 here).
static size_t random_below(size_t bound) {
    return (size_t)(((uint64_t)rand() << 31 | (uint64_t)rand()) % bound);
}

/// Nanoseconds per dependent load through `bytes` of memory, or a negative value when the
/// memory cannot be allocated.
static double latency(size_t bytes) {
    size_t lines = bytes / line_bytes;
    uint64_t *chain = malloc(lines * line_bytes);
    size_t *order = malloc(lines * sizeof(size_t));
    if (chain == NULL || order == NULL) {
        free(chain);
        free(order);
        return -1;
    }
    for (size_t line = 0; line < lines; line++) order[line] = line;
    for (size_t line = lines - 1; line > 0; line--) {  // Fisher-Yates shuffle
        size_t other = random_below(line + 1);
        size_t kept = order[line];
        order[line] = order[other];
        order[other] = kept;
    }
    for (size_t step = 0; step < lines; step++) {
        chain[order[step] * slots_per_line] = order[(step + 1) % lines] * slots_per_line;
    }
    uint64_t slot = order[0] * slots_per_line;
    for (int load = 0; load < loads / 10; load++) slot = chain[slot];  // warm up the page tables
    double start = nanoseconds();
    for (int load = 0; load < loads; load++) slot = chain[slot];
    double elapsed = nanoseconds() - start;
    free(chain);
    free(order);
    // Printing the final slot keeps the compiler from dropping the chain.
    fprintf(stderr, "%s", slot == UINT64_MAX ? "?" : "");
    return elapsed / loads;
}

int main(void) {
    static const size_t kib[] = {256, 1024, 2048, 5120, 8192, 24576, 262144};
    for (size_t size = 0; size < sizeof kib / sizeof kib[0]; size++) {
        double ns = latency(kib[size] << 10);
        if (ns < 0) {
            fprintf(stderr, "latency: cannot allocate %zu KiB\n", kib[size]);
            return 1;
        }
        printf("%7zu KiB: %6.1f ns per dependent load\n", kib[size], ns);
    }
    return 0;
}
