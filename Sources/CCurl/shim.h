#ifndef EDGEJWT_CCURL_SHIM_H
#define EDGEJWT_CCURL_SHIM_H
/* libcurl for EdgeJWTSync's HTTP client. curl_easy_setopt and curl_easy_getinfo are variadic,
 * which Swift cannot call: each wrapper below passes one argument of one fixed type. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/** The shape of CURLOPT_WRITEFUNCTION's callback. */
typedef size_t (*CCurlShims_write_callback)(char *data, size_t size, size_t count, void *context);

/** curl_easy_setopt for an option that takes a long. */
static inline CURLcode CCurlShims_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/** curl_easy_setopt for an option that takes a curl_off_t. */
static inline CURLcode CCurlShims_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/** curl_easy_setopt for an option that takes a string (copied by libcurl) or NULL. */
static inline CURLcode CCurlShims_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/** curl_easy_setopt for an option that takes a pointer: a curl_slist or callback data. */
static inline CURLcode CCurlShims_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/** curl_easy_setopt(CURLOPT_WRITEFUNCTION). */
static inline CURLcode CCurlShims_setopt_write_function(CURL *handle, CCurlShims_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/** curl_easy_getinfo for an item that is a long. */
static inline CURLcode CCurlShims_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/** curl_easy_getinfo for an item that is a string owned by the handle. */
static inline CURLcode CCurlShims_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
#endif
