#ifndef EDGEJWT_CZLIB_SHIM_H
#define EDGEJWT_CZLIB_SHIM_H
#include <zlib.h>
#endif
