/*
 * c-daemon KEYS_FILE [TOKEN_FILE]
 *
 * Verifies JWTs offline with libedgejwt against a pinned JWK Set. With TOKEN_FILE, verifies that
 * one token and exits 0 (valid), 1 (rejected) or 2 (usage error, unusable keys or input). Without
 * it, reads one token per line on stdin, as a gateway daemon would receive them, and prints one
 * verdict line each, reusing one result handle (no allocation per token once warm).
 *
 * Copy this file and change the issuer and audience in `config` below.
 */
#include <edgejwt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who must have issued the token and whom it must be for: pin both in real code. */
static const char config[] =
    "{\"issuers\": [\"https://issuer.example\"], \"audiences\": [\"gateway\"], \"leeway\": 60}";

/* Prints one verdict line for the last verification into `result`. */
static void print_verdict(edgejwt_result *result) {
    edgejwt_code code = edgejwt_result_code(result);
    const char *text = NULL;
    size_t len = 0;
    if (code != EDGEJWT_OK) {
        edgejwt_result_detail(result, &text, &len);
        printf("REJECTED %s: %.*s\n", edgejwt_code_name(code), (int)len, text);
        return;
    }
    printf("VALID");
    if (edgejwt_result_kid(result, &text, &len) == EDGEJWT_OK) printf(" kid=%.*s", (int)len, text);
    if (edgejwt_result_issuer(result, &text, &len) == EDGEJWT_OK) printf(" iss=%.*s", (int)len, text);
    if (edgejwt_result_subject(result, &text, &len) == EDGEJWT_OK) printf(" sub=%.*s", (int)len, text);
    if (edgejwt_result_claim_json(result, "scope", 5, &text, &len) == EDGEJWT_OK) printf(" scope=%.*s", (int)len, text);
    printf("\n");
}

/* Reads a whole file (at most 64 KiB) without one trailing LF or CRLF; NULL when it cannot. */
static char *read_token(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    char *bytes = malloc(64 * 1024 + 1);
    size_t count = bytes ? fread(bytes, 1, 64 * 1024 + 1, file) : 0;
    int failed = bytes == NULL || ferror(file) || count > 64 * 1024;
    fclose(file);
    if (failed) {
        free(bytes);
        return NULL;
    }
    if (count > 0 && bytes[count - 1] == '\n') count--;
    if (count > 0 && bytes[count - 1] == '\r') count--;
    *len = count;
    return bytes;
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: c-daemon KEYS_FILE [TOKEN_FILE]\n");
        return 2;
    }
    if (edgejwt_api_version() < EDGEJWT_API_VERSION) {
        fprintf(stderr, "libedgejwt is older than this program's edgejwt.h\n");
        return 2;
    }
    char message[512];
    edgejwt_verifier *verifier = NULL;
    edgejwt_code code = edgejwt_verifier_new_from_file(argv[1], strlen(argv[1]), config, strlen(config),
                                                       &verifier, message, sizeof message);
    if (code != EDGEJWT_OK) {
        fprintf(stderr, "cannot use the key set: %s: %s\n", edgejwt_code_name(code), message);
        return 2;
    }
    edgejwt_result *result = NULL;
    int status = 0;
    if (argc == 3) {
        size_t len = 0;
        char *token = read_token(argv[2], &len);
        if (token == NULL) {
            fprintf(stderr, "cannot read the token file %s\n", argv[2]);
            edgejwt_verifier_free(verifier);
            return 2;
        }
        code = edgejwt_verify(verifier, (const uint8_t *)token, len, EDGEJWT_NOW_FROM_CLOCK, &result);
        print_verdict(result);
        status = code == EDGEJWT_OK ? 0 : (code < EDGEJWT_NULL_ARGUMENT ? 1 : 2);
        free(token);
    } else {
        char *line = NULL;
        size_t capacity = 0;
        ssize_t read;
        while ((read = getline(&line, &capacity, stdin)) >= 0) {
            size_t len = (size_t)read;
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
            edgejwt_verify(verifier, (const uint8_t *)line, len, EDGEJWT_NOW_FROM_CLOCK, &result);
            print_verdict(result);
            fflush(stdout);
        }
        free(line);
    }
    edgejwt_result_free(result);
    edgejwt_verifier_free(verifier);
    return status;
}
