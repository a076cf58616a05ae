/*
 * conformance_harness VECTORS_FLAT
 *
 * Runs every token vector of Vectors/, flattened by flatten_vectors.py, through the C API and
 * prints one line per vector: "ID<TAB>VERDICT", the verdict in the Swift runner's short form
 * (ConformanceVector.Verdict.description): "valid (k1)", "valid (no kid)", a rejection code,
 * "key set: CODE", "status list: CODE", or a revocation install that did not end as expected.
 * CAPITests compares these lines with the Swift runner's verdicts. Exit 2 on unreadable input.
 */
#include <edgejwt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INSTALLS 16

typedef struct {
    uint8_t *bytes;
    size_t len;
} buffer;

typedef struct {
    char name[128];
    char expected[128];
    buffer bytes;
} revocation_install;

typedef struct {
    char id[256];
    buffer keys, config, token;
    buffer status_lists[MAX_INSTALLS];
    size_t status_list_count;
    revocation_install revocations[MAX_INSTALLS];
    size_t revocation_count;
    double now;
} vector;

static int nibble(char digit) {
    if (digit >= '0' && digit <= '9') return digit - '0';
    if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
    return -1;
}

/* Decodes `count` hex digits into a new buffer; exits 2 on bad input. */
static buffer decode_hex(const char *text, size_t count) {
    buffer out = {malloc(count / 2 + 1), count / 2};
    if (out.bytes == NULL || count % 2 != 0) {
        fprintf(stderr, "conformance_harness: odd hex length\n");
        exit(2);
    }
    for (size_t i = 0; i < out.len; i++) {
        int high = nibble(text[2 * i]), low = nibble(text[2 * i + 1]);
        if (high < 0 || low < 0) {
            fprintf(stderr, "conformance_harness: bad hex\n");
            exit(2);
        }
        out.bytes[i] = (uint8_t)(high << 4 | low);
    }
    return out;
}

static void free_vector(vector *v) {
    free(v->keys.bytes);
    free(v->config.bytes);
    free(v->token.bytes);
    for (size_t i = 0; i < v->status_list_count; i++) free(v->status_lists[i].bytes);
    for (size_t i = 0; i < v->revocation_count; i++) free(v->revocations[i].bytes.bytes);
    memset(v, 0, sizeof *v);
}

/* The snake_case code at the start of a C API message ("rollback: ..."). */
static void leading_code(const char *message, char *code, size_t size) {
    size_t n = strcspn(message, ":");
    if (n >= size) n = size - 1;
    memcpy(code, message, n);
    code[n] = 0;
}

/* Runs one vector and prints its verdict line. */
static void run(const vector *v) {
    char message[1024], code[128];
    edgejwt_verifier *verifier = NULL;
    edgejwt_code status = edgejwt_verifier_new(v->keys.bytes, v->keys.len, (const char *)v->config.bytes,
                                               v->config.len, &verifier, message, sizeof message);
    if (status == EDGEJWT_KEY_SET_ERROR) {
        leading_code(message, code, sizeof code);
        printf("%s\tkey set: %s\n", v->id, code);
        return;
    }
    if (status != EDGEJWT_OK) {
        printf("%s\tverifier: %s: %s\n", v->id, edgejwt_code_name(status), message);
        return;
    }
    for (size_t i = 0; i < v->status_list_count; i++) {
        status = edgejwt_verifier_install_status_list(verifier, (const char *)v->status_lists[i].bytes,
                                                      v->status_lists[i].len, message, sizeof message);
        if (status != EDGEJWT_OK) {
            leading_code(message, code, sizeof code);
            printf("%s\tstatus list: %s\n", v->id, code);
            edgejwt_verifier_free(verifier);
            return;
        }
    }
    for (size_t i = 0; i < v->revocation_count; i++) {
        const revocation_install *install = &v->revocations[i];
        status = edgejwt_verifier_install_revocation_list(verifier, install->bytes.bytes, install->bytes.len,
                                                          message, sizeof message);
        if (status == EDGEJWT_OK) {
            strcpy(code, "-");
        } else {
            leading_code(message, code, sizeof code);
        }
        if (strcmp(code, install->expected) != 0) {
            printf("%s\trevocation list %s: installing gave %s, expected %s\n", v->id, install->name,
                   strcmp(code, "-") == 0 ? "success" : code,
                   strcmp(install->expected, "-") == 0 ? "success" : install->expected);
            edgejwt_verifier_free(verifier);
            return;
        }
    }
    edgejwt_result *result = NULL;
    /* A non-NULL pointer for the empty token: NULL is a usage error, not a token. */
    static const uint8_t empty[1] = {0};
    status = edgejwt_verify(verifier, v->token.len ? v->token.bytes : empty, v->token.len, v->now, &result);
    if (status == EDGEJWT_OK) {
        const char *kid = NULL;
        size_t len = 0;
        if (edgejwt_result_kid(result, &kid, &len) == EDGEJWT_OK) {
            printf("%s\tvalid (%.*s)\n", v->id, (int)len, kid);
        } else {
            printf("%s\tvalid (no kid)\n", v->id);
        }
    } else {
        printf("%s\t%s\n", v->id, edgejwt_code_name(status));
    }
    edgejwt_result_free(result);
    edgejwt_verifier_free(verifier);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: conformance_harness VECTORS_FLAT\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "r");
    if (file == NULL) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t capacity = 0;
    ssize_t read;
    vector v;
    memset(&v, 0, sizeof v);
    while ((read = getline(&line, &capacity, file)) > 0) {
        if (line[read - 1] == '\n') line[--read] = 0;
        char *space = strchr(line, ' ');
        const char *value = space ? space + 1 : "";
        size_t value_len = space ? (size_t)(read - (space + 1 - line)) : 0;
        if (strncmp(line, "vector ", 7) == 0) {
            snprintf(v.id, sizeof v.id, "%s", value);
        } else if (strncmp(line, "keys ", 5) == 0) {
            v.keys = decode_hex(value, value_len);
        } else if (strncmp(line, "config ", 7) == 0) {
            v.config = decode_hex(value, value_len);
        } else if (strncmp(line, "token ", 6) == 0) {
            v.token = decode_hex(value, value_len);
        } else if (strncmp(line, "now ", 4) == 0) {
            v.now = strtod(value, NULL);
        } else if (strncmp(line, "status_list ", 12) == 0 && v.status_list_count < MAX_INSTALLS) {
            v.status_lists[v.status_list_count++] = decode_hex(value, value_len);
        } else if (strncmp(line, "revocation ", 11) == 0 && v.revocation_count < MAX_INSTALLS) {
            revocation_install *install = &v.revocations[v.revocation_count++];
            char *hex = strchr(value, ' ');
            char *expected = hex ? strchr(hex + 1, ' ') : NULL;
            if (hex == NULL || expected == NULL) {
                fprintf(stderr, "conformance_harness: bad revocation line\n");
                return 2;
            }
            snprintf(install->name, sizeof install->name, "%.*s", (int)(hex - value), value);
            install->bytes = decode_hex(hex + 1, (size_t)(expected - hex - 1));
            snprintf(install->expected, sizeof install->expected, "%s", expected + 1);
        } else if (strcmp(line, "end") == 0) {
            run(&v);
            free_vector(&v);
        } else {
            fprintf(stderr, "conformance_harness: unexpected line %.40s\n", line);
            return 2;
        }
    }
    free(line);
    fclose(file);
    return 0;
}
