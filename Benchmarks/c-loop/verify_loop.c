// The stream benchmark's baseline: a plain C loop of crypto_sign_verify_detached over the same
// signing inputs that `edgejwt verify --stream` is given.
//
//   gcc -O2 -o verify_loop verify_loop.c -lsodium
//   ./verify_loop PUBLIC_KEY_BASE64URL < tokens.txt
//
// Reads every token (one per line), splits it at its last '.', decodes the 64-byte signature,
// then times ONLY the verification loop (file reading and decoding are excluded, which favours
// this baseline). Prints "verified N of N in S s: R per second; CPU S s: R per CPU second" (wall
// clock, then this process's CPU time, which other processes on a shared machine do not inflate).
#define _GNU_SOURCE
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int sextet(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// Unpadded base64url; returns the decoded length, or -1.
static long decode(const char *text, size_t length, unsigned char *out, size_t capacity) {
    uint32_t accumulator = 0;
    int bits = 0;
    size_t written = 0;
    for (size_t i = 0; i < length; i++) {
        int value = sextet((unsigned char)text[i]);
        if (value < 0) return -1;
        accumulator = accumulator << 6 | (uint32_t)value;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (written == capacity) return -1;
            out[written++] = (unsigned char)(accumulator >> bits);
        }
    }
    return (long)written;
}

typedef struct {
    char *input;           // the signing input (not NUL-terminated)
    size_t input_length;
    unsigned char signature[64];
} item;

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: verify_loop PUBLIC_KEY_BASE64URL < tokens.txt\n");
        return 2;
    }
    if (sodium_init() < 0) return 2;
    unsigned char public_key[32];
    if (decode(argv[1], strlen(argv[1]), public_key, sizeof public_key) != 32) {
        fprintf(stderr, "the public key is not 32 bytes of base64url\n");
        return 2;
    }
    size_t capacity = 1024, count = 0;
    item *items = malloc(capacity * sizeof *items);
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &line_capacity, stdin)) > 0) {
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = 0;
        char *dot = memrchr(line, '.', (size_t)length);
        if (dot == NULL) continue;
        if (count == capacity) items = realloc(items, (capacity *= 2) * sizeof *items);
        item *entry = &items[count];
        entry->input_length = (size_t)(dot - line);
        entry->input = malloc(entry->input_length);
        memcpy(entry->input, line, entry->input_length);
        if (decode(dot + 1, (size_t)(line + length - dot - 1), entry->signature, 64) != 64) continue;
        count++;
    }
    struct timespec start, end, cpu_start, cpu_end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
    size_t valid = 0;
    for (size_t i = 0; i < count; i++) {
        if (crypto_sign_verify_detached(items[i].signature, (const unsigned char *)items[i].input,
                                        items[i].input_length, public_key) == 0) {
            valid++;
        }
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    double cpu = (double)(cpu_end.tv_sec - cpu_start.tv_sec) + (double)(cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e9;
    printf("verified %zu of %zu in %.3f s: %.0f per second; CPU %.3f s: %.0f per CPU second\n", valid, count, seconds,
           (double)count / seconds, cpu, (double)count / cpu);
    return valid == count ? 0 : 1;
}
