// libsodium (the baseline row, and signing the benchmark's tokens) and zlib (compressing the
// benchmark's status list). A module of the benchmark's own: the library's CSodium and CZlib
// are internal to EdgeJWT (`internal import`), and target names must be unique in a package graph.
#include <sodium.h>
#include <zlib.h>
