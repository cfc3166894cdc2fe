#ifndef PASSERELLE_CSYSTEM_H
#define PASSERELLE_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0 on success, -1 otherwise.
int passerelle_exchange_paths(const char *a, const char *b);

// Locks (flock): held by an open file, released by the kernel when the process ends, even when it is killed.

/// Opens (creating it if needed, mode 0644) the lock file at `path`, close-on-exec. Returns a descriptor, or -1 (errno).
int passerelle_lock_open(const char *path);

/// Opens the folder at `path` to lock it, without following a final symbolic link. Returns a descriptor, or -1 (errno).
int passerelle_folder_open(const char *path);

/// Tries to take the exclusive lock of `fd` without waiting: 0 taken, 1 held by another open file, -1 error (errno).
int passerelle_lock_try(int fd);

/// 1 if `path` still names the file open as `fd` (same device and inode), 0 if not or if it no longer exists.
int passerelle_lock_is_current(int fd, const char *path);

/// Replaces the content of the file open as `fd` with `pid` in decimal and a newline. 0 on success, -1 otherwise.
int passerelle_lock_write_pid(int fd, int pid);

/// The process number written in the file open as `fd`, or 0 if there is none yet.
int passerelle_lock_read_pid(int fd);

/// Closes a descriptor (and so releases its lock).
void passerelle_close(int fd);

#endif
