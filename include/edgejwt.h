/*
 * edgejwt.h: the C API of EdgeJWT (libedgejwt), offline verification of Ed25519-signed JWTs and
 * OpenID Connect ID tokens against a pinned JWK Set, with the same pipeline, rules and error
 * codes as the Swift library and the edgejwt CLI. Reference: docs/c-api.md.
 *
 *   edgejwt_verifier *verifier = NULL;
 *   char message[256];
 *   if (edgejwt_verifier_new_from_file(path, strlen(path), config, strlen(config), &verifier,
 *                                      message, sizeof message) != EDGEJWT_OK) { ... }
 *   edgejwt_result *result = NULL;
 *   edgejwt_code code = edgejwt_verify(verifier, token, token_len, EDGEJWT_NOW_FROM_CLOCK, &result);
 *   ...
 *   edgejwt_result_free(result);
 *   edgejwt_verifier_free(verifier);
 *
 * Conventions of every function:
 * - Inputs are (pointer, length) pairs; strings need not be NUL-terminated. A NULL pointer is
 *   EDGEJWT_NULL_ARGUMENT (unless the function says (NULL, 0) is allowed), a length above
 *   64 MiB (or "negative" as a signed size) is EDGEJWT_BAD_LENGTH, text that must be UTF-8
 *   and is not (or holds a NUL byte) is EDGEJWT_NOT_UTF8. Tokens and JWK Sets are bytes:
 *   their faults are verification or key-set codes, as in the Swift library.
 * - Failures are reported by the return code, plus a message written to the caller's
 *   buffer (message, message_size: NUL-terminated, cut at a UTF-8 boundary; may be NULL, 0)
 *   or stored in the result (edgejwt_result_detail). There is no global error state.
 * - Handles are opaque. The library allocates them; the caller frees each with its own
 *   function, exactly once. Text a result returns is borrowed from the result.
 * - Thread safety: one edgejwt_verifier may be used by any number of threads at once for
 *   every function except edgejwt_verifier_free. An edgejwt_result is used by one thread at a
 *   time. No function blocks on another thread's verification.
 */
#ifndef EDGEJWT_H
#define EDGEJWT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The API version this header describes; edgejwt_api_version() returns the library's. */
#define EDGEJWT_API_VERSION 1

/* Pass as `now` to evaluate at the system clock (never earlier than the time floor). */
#define EDGEJWT_NOW_FROM_CLOCK (-1.0)

/*
 * Result codes. 0 is success; 1 to 999 are the rejection codes of the Swift library's
 * VerificationError.Code, numbered in Code.all order (append only: a number never changes);
 * 1000 and above belong to the C API. edgejwt_code_name() gives the snake_case names.
 */
typedef enum edgejwt_code {
    EDGEJWT_OK = 0,
    /* Rejections: the token is not accepted. */
    EDGEJWT_MALFORMED_TOKEN = 1,
    EDGEJWT_TOKEN_TOO_LARGE = 2,
    EDGEJWT_UNSUPPORTED_ALGORITHM = 3,
    EDGEJWT_UNSUPPORTED_CRITICAL_HEADER = 4,
    EDGEJWT_UNKNOWN_KEY = 5,
    EDGEJWT_INVALID_SIGNATURE = 6,
    EDGEJWT_EXPIRED = 7,
    EDGEJWT_NOT_YET_VALID = 8,
    EDGEJWT_ISSUED_IN_FUTURE = 9,
    EDGEJWT_TOKEN_TOO_OLD = 10,
    EDGEJWT_ISSUER_MISMATCH = 11,
    EDGEJWT_AUDIENCE_MISMATCH = 12,
    EDGEJWT_MISSING_CLAIM = 13,
    EDGEJWT_TYPE_MISMATCH = 14,
    EDGEJWT_NONCE_MISMATCH = 15,
    EDGEJWT_AZP_MISMATCH = 16,
    EDGEJWT_AUTH_TIME_TOO_OLD = 17,
    EDGEJWT_ACR_MISMATCH = 18,
    EDGEJWT_TOKEN_HASH_MISMATCH = 19,
    EDGEJWT_REVOKED = 20,
    EDGEJWT_SUSPENDED = 21,
    EDGEJWT_REVOCATION_LIST_STALE = 22,
    EDGEJWT_STATUS_UNAVAILABLE = 23,
    EDGEJWT_KEY_NOT_ACTIVE = 24,        /* the kid names a key outside its not_before / retire_at window */
    EDGEJWT_KEY_SET_EXPIRED = 25,       /* the installed key-set statement is past exp plus its grace */
    /* C API codes: the call could not be carried out. */
    EDGEJWT_NULL_ARGUMENT = 1000,       /* a required pointer is NULL */
    EDGEJWT_BAD_LENGTH = 1001,          /* a length is above 64 MiB or negative as ssize_t */
    EDGEJWT_NOT_UTF8 = 1002,            /* text is not UTF-8, or holds a NUL byte */
    EDGEJWT_INVALID_ARGUMENT = 1003,    /* `now` is out of range */
    EDGEJWT_CONFIGURATION_ERROR = 1004, /* the configuration text, or a file it names */
    EDGEJWT_KEY_SET_ERROR = 1005,       /* a JWK Set is refused; message: "CODE: detail" */
    EDGEJWT_STATUS_LIST_ERROR = 1006,   /* a Status List Token is refused; "CODE: detail" */
    EDGEJWT_REVOCATION_LIST_ERROR = 1007, /* a revocation list is refused; "CODE: detail" */
    EDGEJWT_NOT_FOUND = 1008            /* the result has no such value */
} edgejwt_code;

/* A configured verifier: keys, policy, status lists, revocation list, time floor. */
typedef struct edgejwt_verifier edgejwt_verifier;
/* The outcome of one verification: code, detail, and the verified header and claims. */
typedef struct edgejwt_result edgejwt_result;

/* The library's API version (EDGEJWT_API_VERSION of the header it was built with). */
uint32_t edgejwt_api_version(void);

/*
 * A code's snake_case name ("ok", "expired", "null_argument", ...), the text the CLI prints.
 * Returns a static string that is never freed; "unknown_code" for numbers that are not codes.
 */
const char *edgejwt_code_name(edgejwt_code code);

/*
 * Creates a verifier from a JWK Set's bytes and a JSON configuration (docs/c-api.md,
 * "Configuration"; config may be NULL with config_len 0 for every default). The status lists,
 * revocation lists, publisher keys and time floor the configuration names are loaded now.
 * On success *verifier is a new handle for edgejwt_verifier_free; on failure it is NULL and the
 * message says why: EDGEJWT_KEY_SET_ERROR ("malformed_key_set: ..."), EDGEJWT_CONFIGURATION_ERROR,
 * EDGEJWT_STATUS_LIST_ERROR, EDGEJWT_REVOCATION_LIST_ERROR, or a usage code.
 */
edgejwt_code edgejwt_verifier_new(const uint8_t *jwks, size_t jwks_len,
                                  const char *config, size_t config_len,
                                  edgejwt_verifier **verifier,
                                  char *message, size_t message_size);

/* As edgejwt_verifier_new, with the JWK Set read from the file at `path` (UTF-8, at most 1 MiB). */
edgejwt_code edgejwt_verifier_new_from_file(const char *path, size_t path_len,
                                            const char *config, size_t config_len,
                                            edgejwt_verifier **verifier,
                                            char *message, size_t message_size);

/*
 * Replaces the verifier's key set and configuration with new ones, atomically: each
 * verification running meanwhile, on any thread, uses either the old configuration or the new
 * one, never a mix, and none waits. Everything is loaded before the swap; on failure the old
 * configuration stays and the message says why (codes as edgejwt_verifier_new). Lists
 * installed with the install functions below belong to the old configuration and are not
 * carried over: name them in the new configuration, or install them again. Returns once no
 * verification can still be using the old configuration, which is then freed. Concurrent
 * reloads of one verifier take effect one after the other.
 */
edgejwt_code edgejwt_verifier_reload(edgejwt_verifier *verifier,
                                     const uint8_t *jwks, size_t jwks_len,
                                     const char *config, size_t config_len,
                                     char *message, size_t message_size);

/* As edgejwt_verifier_reload, with the JWK Set read from the file at `path`. */
edgejwt_code edgejwt_verifier_reload_from_file(edgejwt_verifier *verifier,
                                               const char *path, size_t path_len,
                                               const char *config, size_t config_len,
                                               char *message, size_t message_size);

/*
 * Verifies a Status List Token (signed by a key of the pinned set) and installs it into the
 * current configuration: newer lists replace older ones for the same URI, an older one is
 * refused ("rollback: ..."). Returns EDGEJWT_OK, EDGEJWT_STATUS_LIST_ERROR ("CODE: detail"),
 * EDGEJWT_CONFIGURATION_ERROR when the configuration has "status_check": false, or a usage code.
 */
edgejwt_code edgejwt_verifier_install_status_list(edgejwt_verifier *verifier,
                                                  const char *token, size_t token_len,
                                                  char *message, size_t message_size);

/*
 * Verifies an EdgeJWT revocation list file (a snapshot, or a delta to the installed list;
 * docs/revocation-format.md) and installs it into the current configuration. A refused file
 * leaves the installed list as it was. Returns EDGEJWT_OK, EDGEJWT_REVOCATION_LIST_ERROR
 * ("CODE: detail", e.g. "rollback", "base_mismatch", "invalid_signature"),
 * EDGEJWT_CONFIGURATION_ERROR when the configuration has no "revocation", or a usage code.
 */
edgejwt_code edgejwt_verifier_install_revocation_list(edgejwt_verifier *verifier,
                                                      const uint8_t *bytes, size_t len,
                                                      char *message, size_t message_size);

/* Frees a verifier (NULL is ignored). No other thread may be using it. */
void edgejwt_verifier_free(edgejwt_verifier *verifier);

/*
 * Verifies one compact JWS/JWT (token, token_len: its bytes, not NUL-terminated) with the
 * whole pipeline; the first failing rule decides the code. `now` is the evaluation time in Unix
 * seconds (0 to 253402300799, raised to the time floor if one is configured) or
 * EDGEJWT_NOW_FROM_CLOCK.
 *
 * `result` must not be NULL. If *result is NULL, a new result is allocated into it; otherwise
 * the result is reused (faster: no allocation once warm), which invalidates every text it lent
 * before. Either way the caller frees *result with edgejwt_result_free, whatever the code: usage
 * errors (a NULL verifier or token, a bad length or `now`) are also stored in it, with a detail.
 *
 * Returns EDGEJWT_OK for a valid token, a rejection code (1 to 999), or a usage code.
 * Thread safe for one verifier across threads, each with its own result.
 */
edgejwt_code edgejwt_verify(const edgejwt_verifier *verifier,
                            const uint8_t *token, size_t token_len,
                            double now, edgejwt_result **result);

/* Frees a result and every text it lent (NULL is ignored). */
void edgejwt_result_free(edgejwt_result *result);

/* The code of the last verification into the result (EDGEJWT_NULL_ARGUMENT for NULL). */
edgejwt_code edgejwt_result_code(const edgejwt_result *result);

/*
 * Accessors. Each sets *text to a borrowed, NUL-terminated UTF-8 string owned by the result and
 * *len (if len is not NULL) to its length in bytes (a claim may hold "\u0000": use the length).
 * The text stays valid until the result is passed to edgejwt_verify again or freed; do not
 * free it. When there is no such value, *text is NULL, *len 0, and the code EDGEJWT_NOT_FOUND.
 * A NULL result or text is EDGEJWT_NULL_ARGUMENT.
 */

/* Why the token was refused, for logs (empty when it verified). Never contains key material. */
edgejwt_code edgejwt_result_detail(edgejwt_result *result, const char **text, size_t *len);
/* The kid of the pinned key that verified the token (NOT_FOUND if rejected or the key has none). */
edgejwt_code edgejwt_result_kid(edgejwt_result *result, const char **text, size_t *len);
/* The verified sub claim. */
edgejwt_code edgejwt_result_subject(edgejwt_result *result, const char **text, size_t *len);
/* The verified iss claim. */
edgejwt_code edgejwt_result_issuer(edgejwt_result *result, const char **text, size_t *len);
/*
 * One verified claim (name, name_len: UTF-8, compared exactly) as compact JSON text: strings
 * quoted and escaped, numbers as their literal in the token ("1.50e3" stays "1.50e3").
 */
edgejwt_code edgejwt_result_claim_json(edgejwt_result *result, const char *name, size_t name_len,
                                       const char **json, size_t *len);
/* Every verified claim, as one compact JSON object, in token order. */
edgejwt_code edgejwt_result_claims_json(edgejwt_result *result, const char **json, size_t *len);
/* The verified protected header, as one compact JSON object. */
edgejwt_code edgejwt_result_header_json(edgejwt_result *result, const char **json, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* EDGEJWT_H */
