#ifndef PASSERELLE_CSYSTEM_H
#define PASSERELLE_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0 on success, -1 otherwise.
int passerelle_exchange_paths(const char *a, const char *b);

#endif
