/*
 * capi_bench KEYS_FILE TOKEN_FILE PUBLIC_KEY_BASE64URL [ROUNDS]
 *
 * The C API's verify rate against raw libsodium, measured in the same run. Each round times a
 * batch of crypto_sign_verify_detached over the token's signing input (signature decoded once,
 * before timing: this favours the baseline), and a batch of edgejwt_verify on the same token
 * (the whole pipeline: size, base64url, header, key, signature, claims, time, issuer, audience,
 * status check; one reused result; the system clock). The order alternates between rounds, so a
 * drift in machine load hits both. A round's ratio is raw time / edgejwt time, which is the
 * C API's rate divided by libsodium's; the median of the rounds is reported with p10 and p90.
 * Times are this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), which other processes on a shared
 * machine do not inflate; wall-clock ratios are printed too.
 *
 * Run by Benchmarks/c-api/run.sh, which builds the release library first.
 */
#include <edgejwt.h>
#include <sodium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 400

static int sextet(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

/* Unpadded base64url; returns the decoded length, or -1. */
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

static double seconds(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    double cpu, wall;
} timing;

static const unsigned char *signing_input;
static size_t signing_input_length;
static unsigned char signature[64], public_key[32];
static const uint8_t *token;
static size_t token_length;
static edgejwt_verifier *verifier;
static edgejwt_result *result;

static timing time_raw(void) {
    double cpu = seconds(CLOCK_THREAD_CPUTIME_ID), wall = seconds(CLOCK_MONOTONIC);
    for (int i = 0; i < BATCH; i++) {
        if (crypto_sign_verify_detached(signature, signing_input, signing_input_length, public_key) != 0) {
            fprintf(stderr, "capi_bench: raw verification failed\n");
            exit(2);
        }
    }
    return (timing){seconds(CLOCK_THREAD_CPUTIME_ID) - cpu, seconds(CLOCK_MONOTONIC) - wall};
}

static timing time_capi(void) {
    double cpu = seconds(CLOCK_THREAD_CPUTIME_ID), wall = seconds(CLOCK_MONOTONIC);
    for (int i = 0; i < BATCH; i++) {
        if (edgejwt_verify(verifier, token, token_length, EDGEJWT_NOW_FROM_CLOCK, &result) != EDGEJWT_OK) {
            fprintf(stderr, "capi_bench: edgejwt_verify refused the token: %s\n", edgejwt_code_name(edgejwt_result_code(result)));
            exit(2);
        }
    }
    return (timing){seconds(CLOCK_THREAD_CPUTIME_ID) - cpu, seconds(CLOCK_MONOTONIC) - wall};
}

static void report(const char *label, double *values, int count) {
    qsort(values, (size_t)count, sizeof *values, compare);
    printf("%s: median %.3f [p10 %.3f, p90 %.3f]\n", label, values[count / 2], values[count / 10], values[count * 9 / 10]);
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: capi_bench KEYS_FILE TOKEN_FILE PUBLIC_KEY_BASE64URL [ROUNDS]\n");
        return 2;
    }
    int rounds = argc == 5 ? atoi(argv[4]) : 60;
    if (rounds < 10) rounds = 10;
    if (sodium_init() < 0) return 2;
    if (decode(argv[3], strlen(argv[3]), public_key, sizeof public_key) != 32) return 2;

    static char text[64 * 1024];
    FILE *file = fopen(argv[2], "rb");
    if (file == NULL) return 2;
    size_t length = fread(text, 1, sizeof text - 1, file);
    fclose(file);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r')) length--;
    token = (const uint8_t *)text;
    token_length = length;
    const char *last_dot = memrchr(text, '.', length);
    if (last_dot == NULL) return 2;
    signing_input = (const unsigned char *)text;
    signing_input_length = (size_t)(last_dot - text);
    if (decode(last_dot + 1, length - signing_input_length - 1, signature, sizeof signature) != 64) return 2;

    const char *config = "{\"issuers\":[\"https://issuer.example\"],\"audiences\":[\"gateway\"]}";
    char message[256];
    if (edgejwt_verifier_new_from_file(argv[1], strlen(argv[1]), config, strlen(config), &verifier, message, sizeof message) !=
        EDGEJWT_OK) {
        fprintf(stderr, "capi_bench: %s\n", message);
        return 2;
    }
    time_raw();
    time_capi(); /* warm-up: the result's buffers, caches, branch predictors */

    double *cpu_ratios = calloc((size_t)rounds, sizeof(double)), *wall_ratios = calloc((size_t)rounds, sizeof(double));
    double raw_total = 0, capi_total = 0;
    for (int round = 0; round < rounds; round++) {
        timing raw, capi;
        if (round % 2 == 0) {
            raw = time_raw();
            capi = time_capi();
        } else {
            capi = time_capi();
            raw = time_raw();
        }
        cpu_ratios[round] = raw.cpu / capi.cpu;
        wall_ratios[round] = raw.wall / capi.wall;
        raw_total += raw.cpu;
        capi_total += capi.cpu;
    }
    long operations = (long)rounds * BATCH;
    printf("token: %zu bytes; %d rounds of %d verifications each way\n", token_length, rounds, BATCH);
    printf("raw libsodium crypto_sign_verify_detached: %.2f us/op (CPU)\n", raw_total / operations * 1e6);
    printf("edgejwt_verify (C API, whole pipeline):    %.2f us/op (CPU)\n", capi_total / operations * 1e6);
    report("rate ratio edgejwt_verify / raw libsodium, CPU time ", cpu_ratios, rounds);
    report("rate ratio edgejwt_verify / raw libsodium, wall time", wall_ratios, rounds);
    free(cpu_ratios);
    free(wall_ratios);
    edgejwt_result_free(result);
    edgejwt_verifier_free(verifier);
    return 0;
}
