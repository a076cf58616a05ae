#ifndef EDGEJWT_CSODIUM_SHIM_H
#define EDGEJWT_CSODIUM_SHIM_H
#include <sodium.h>
#endif
