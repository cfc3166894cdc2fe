#ifndef PASSERELLE_CCMARK_SHIM_H
#define PASSERELLE_CCMARK_SHIM_H
#include <cmark.h>
#endif
