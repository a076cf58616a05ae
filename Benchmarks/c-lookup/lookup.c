// The revocation lookup of RevocationList.containsToken written out in C, over the same version 2
// file, the same issuers and the same 100,000 jti values as the benchmark's lookup rows: what the
// design costs on this machine with no Swift in the way. docs/revocation-format.md §8 compares it
// with the library's lookup. It reads a list of one no-expiry token group (the list that
// Benchmarks/run.sh builds) and trusts it: it checks no signature and no structure, so it is a
// measuring tool, never a verifier.
//
//   gcc -O2 -o /tmp/c-lookup Benchmarks/c-lookup/lookup.c -lsodium
//   /tmp/c-lookup LIST_FILE listed|unlisted [COUNT]
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { distinct_ids = 100000, token_tag = 0x01 };

/// The one token group of the list, as the lookup needs it.
struct group {
    const uint8_t *ends;        // 2^b big-endian u32 cumulative bucket ends
    const uint8_t *remainders;  // packed r-bit remainders
    int fingerprint_bits;       // q
    int remainder_bits;         // r = q - b
    uint8_t key[16];            // the salt's first 16 bytes: the SipHash key
};

static double nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e9 + now.tv_nsec;
}

static uint32_t read_u32(const uint8_t *bytes) {
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

/// Remainder `index`: one unaligned 8-byte big-endian load and two shifts (r ≤ 57).
static uint64_t remainder_at(const struct group *group, uint64_t index) {
    uint64_t bit = index * (uint64_t)group->remainder_bits;
    uint64_t word;
    memcpy(&word, group->remainders + (bit >> 3), sizeof word);
    word = __builtin_bswap64(word);
    return (word << (bit & 7)) >> (64 - group->remainder_bits);
}

/// SipHash-2-4 of tag ‖ u32be(|iss|) ‖ iss ‖ u32be(|jti|) ‖ jti (§3), then the bucket's ends
/// and a walk from the remainder's expected place (§8), as TokenGroupIndex.contains does.
static int contains(const struct group *group, const char *issuer, size_t issuer_length, const char *jti, size_t jti_length) {
    uint8_t message[1024];
    uint32_t length_be = __builtin_bswap32((uint32_t)issuer_length);
    message[0] = token_tag;
    memcpy(message + 1, &length_be, 4);
    memcpy(message + 5, issuer, issuer_length);
    length_be = __builtin_bswap32((uint32_t)jti_length);
    memcpy(message + 5 + issuer_length, &length_be, 4);
    memcpy(message + 9 + issuer_length, jti, jti_length);
    uint64_t hash;  // libsodium's 8 output bytes read little-endian, as Sodium.sipHash64
    crypto_shorthash_siphash24((uint8_t *)&hash, message, 9 + issuer_length + jti_length, group->key);

    int r = group->remainder_bits;
    uint64_t fingerprint = hash >> (64 - group->fingerprint_bits);
    uint64_t bucket = fingerprint >> r;
    uint64_t remainder = fingerprint & ((UINT64_C(1) << r) - 1);
    uint64_t low = bucket == 0 ? 0 : read_u32(group->ends + 4 * (bucket - 1));
    uint64_t high = read_u32(group->ends + 4 * bucket);
    uint64_t length = high - low;
    if (length == 0) return 0;
    uint64_t index = low + ((remainder * length) >> r);
    if (remainder_at(group, index) < remainder) {
        do index++;
        while (index < high && remainder_at(group, index) < remainder);
        return index < high && remainder_at(group, index) == remainder;
    }
    while (index > low && remainder_at(group, index - 1) >= remainder) index--;
    return remainder_at(group, index) == remainder;
}

/// The list's one token group, or exit 2 when the file is not such a list.
static struct group load(const char *path) {
    FILE *file = fopen(path, "rb");
    long size = -1;
    if (file != NULL && fseek(file, 0, SEEK_END) == 0) size = ftell(file);
    uint8_t *bytes = size > 100 ? malloc((size_t)size) : NULL;
    if (bytes == NULL || fseek(file, 0, SEEK_SET) != 0 || fread(bytes, 1, (size_t)size, file) != (size_t)size ||
        memcmp(bytes, "EJRL\x02\x01", 6) != 0) {
        fprintf(stderr, "c-lookup: %s is not a readable version 2 snapshot\n", path);
        exit(2);
    }
    fclose(file);
    struct group group;
    memcpy(group.key, bytes + 50, sizeof group.key);
    const uint8_t *body = bytes + 84 + bytes[82] + bytes[83 + bytes[82]];
    const uint8_t *first = body + 4;
    if (read_u32(body) != 1 || read_u32(first) != 0xFFFFFFFF || first[8] - first[9] > 57) {
        fprintf(stderr, "c-lookup: %s must hold exactly one no-expiry token group (as Benchmarks/run.sh builds)\n", path);
        exit(2);
    }
    group.fingerprint_bits = first[8];
    group.remainder_bits = first[8] - first[9];
    group.ends = first + 10;
    group.remainders = group.ends + 4 * (UINT64_C(1) << first[9]);
    return group;
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[2], "listed") != 0 && strcmp(argv[2], "unlisted") != 0) || sodium_init() < 0) {
        fprintf(stderr, "usage: c-lookup LIST_FILE listed|unlisted [COUNT]\n");
        return 2;
    }
    struct group group = load(argv[1]);
    int listed = strcmp(argv[2], "listed") == 0;
    long count = argc > 3 ? atol(argv[3]) : 20000000;
    // Benchmarks/Sources/BenchSupport/Cases.swift: listedIDs, unlistedIDs, and their issuers.
    static char ids[distinct_ids][16];
    static size_t id_lengths[distinct_ids];
    for (int id = 0; id < distinct_ids; id++) {
        id_lengths[id] = listed ? (size_t)sprintf(ids[id], "jti-%d", (id * 7919) % 1000000)
                                : (size_t)sprintf(ids[id], "u-%ld", id + 1000000000000L);
    }
    const char *issuer = listed ? "https://id.example" : "https://id.example.com";
    size_t issuer_length = strlen(issuer);
    long expected = 0;
    int position = 0;
    double start = nanoseconds();
    for (long lookup = 0; lookup < count; lookup++) {
        if (contains(&group, issuer, issuer_length, ids[position], id_lengths[position]) == listed) expected++;
        if (++position == distinct_ids) position = 0;
    }
    double elapsed = nanoseconds() - start;
    printf("%s: %.1f ns per lookup (%ld lookups, %ld answered as expected)\n", argv[2], elapsed / count, count, expected);
    return expected == count ? 0 : 1;
}
