/*
 * threads KEYS_A KEYS_B TOKEN_FILE [ROUNDS]
 *
 * One verifier handle shared by THREADS threads that verify TOKEN_FILE in a loop, each with its
 * own reused result, while the main thread reloads the handle ROUNDS times, alternating between
 * key set A (which holds the token's key) and key set B (which does not). Every verdict must be
 * EDGEJWT_OK with the token's kid, or EDGEJWT_UNKNOWN_KEY: a torn configuration, a crash or any
 * other code fails. After the threads end, a reload to each set must give its verdict at once.
 * Prints "verified N, unknown_key N, wrong 0"; exit 0 only when nothing was wrong.
 * Run under ThreadSanitizer by Scripts/capi-tsan.sh.
 */
#include <edgejwt.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4

static edgejwt_verifier *verifier;
static uint8_t *token;
static size_t token_len;
static atomic_int stop;
static atomic_long verified, unknown_key, wrong;

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    uint8_t *bytes = malloc(1 << 20);
    size_t count = bytes ? fread(bytes, 1, 1 << 20, file) : 0;
    fclose(file);
    while (count > 0 && (bytes[count - 1] == '\n' || bytes[count - 1] == '\r')) count--;
    *len = count;
    return bytes;
}

static void judge(edgejwt_code code, edgejwt_result *result) {
    const char *kid = NULL;
    size_t len = 0;
    if (code == EDGEJWT_OK && edgejwt_result_kid(result, &kid, &len) == EDGEJWT_OK && len == 12 &&
        memcmp(kid, "example-2026", 12) == 0) {
        atomic_fetch_add(&verified, 1);
    } else if (code == EDGEJWT_UNKNOWN_KEY) {
        atomic_fetch_add(&unknown_key, 1);
    } else {
        atomic_fetch_add(&wrong, 1);
        fprintf(stderr, "threads: unexpected verdict %s\n", edgejwt_code_name(code));
    }
}

static void *verify_loop(void *unused) {
    (void)unused;
    edgejwt_result *result = NULL;
    long rounds = 0;
    while (!atomic_load(&stop) || rounds < 100) {
        edgejwt_code code = edgejwt_verify(verifier, token, token_len, 1800000000.0, &result);
        judge(code, result);
        rounds++;
    }
    edgejwt_result_free(result);
    return NULL;
}

static int reload(const uint8_t *keys, size_t len) {
    char message[256];
    edgejwt_code code = edgejwt_verifier_reload(verifier, keys, len, NULL, 0, message, sizeof message);
    if (code != EDGEJWT_OK) fprintf(stderr, "threads: reload failed: %s\n", message);
    return code == EDGEJWT_OK;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: threads KEYS_A KEYS_B TOKEN_FILE [ROUNDS]\n");
        return 2;
    }
    size_t a_len = 0, b_len = 0;
    uint8_t *a = read_file(argv[1], &a_len), *b = read_file(argv[2], &b_len);
    token = read_file(argv[3], &token_len);
    long rounds = argc == 5 ? atol(argv[4]) : 200;
    if (a == NULL || b == NULL || token == NULL) {
        fprintf(stderr, "threads: cannot read the input files\n");
        return 2;
    }
    char message[256];
    if (edgejwt_verifier_new(a, a_len, NULL, 0, &verifier, message, sizeof message) != EDGEJWT_OK) {
        fprintf(stderr, "threads: %s\n", message);
        return 2;
    }
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, verify_loop, NULL);
    int ok = 1;
    for (long i = 0; i < rounds && ok; i++) ok = i % 2 ? reload(a, a_len) : reload(b, b_len);
    atomic_store(&stop, 1);
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);

    edgejwt_result *result = NULL;
    ok = ok && reload(b, b_len);
    if (ok && edgejwt_verify(verifier, token, token_len, 1800000000.0, &result) != EDGEJWT_UNKNOWN_KEY) {
        fprintf(stderr, "threads: key set B still accepts the token after the reload\n");
        ok = 0;
    }
    ok = ok && reload(a, a_len);
    if (ok && edgejwt_verify(verifier, token, token_len, 1800000000.0, &result) != EDGEJWT_OK) {
        fprintf(stderr, "threads: key set A does not accept the token after the reload\n");
        ok = 0;
    }
    edgejwt_result_free(result);
    edgejwt_verifier_free(verifier);
    free(a);
    free(b);
    free(token);
    printf("verified %ld, unknown_key %ld, wrong %ld\n", atomic_load(&verified), atomic_load(&unknown_key),
           atomic_load(&wrong));
    return ok && atomic_load(&wrong) == 0 ? 0 : 1;
}
