#ifndef PASSERELLE_CCMARK_SHIM_H
#define PASSERELLE_CCMARK_SHIM_H
// cmark-gfm: libcmark's fork with GitHub's extensions (tables, strikethrough, autolinks), same API.
// Debian: libcmark-gfm-dev and libcmark-gfm-extensions-dev (headers in /usr/include).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

// The table extension's node type, set when the core extensions are registered. Its header (table.h) is not
// installed; the variable is exported by libcmark-gfm-extensions. Read it after registration only.
extern cmark_node_type CMARK_NODE_TABLE;
static inline cmark_node_type passerelle_node_table(void) { return CMARK_NODE_TABLE; }
#endif
