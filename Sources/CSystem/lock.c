#include "csystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
#endif

int passerelle_lock_open(const char *path) {
    int fd;
    do {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

int passerelle_folder_open(const char *path) {
    int fd;
    do {
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

int passerelle_lock_try(int fd) {
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return 0;
        if (errno == EINTR) continue;
        if (errno == EWOULDBLOCK || errno == EAGAIN) return 1;
        return -1;
    }
}

int passerelle_lock_is_current(int fd, const char *path) {
    struct stat open_file, named_file;
    if (fstat(fd, &open_file) != 0) return 0;
    if (lstat(path, &named_file) != 0) return 0;
    return open_file.st_dev == named_file.st_dev && open_file.st_ino == named_file.st_ino;
}

int passerelle_lock_write_pid(int fd, int pid) {
    char text[32];
    int length = snprintf(text, sizeof text, "%d\n", pid);
    if (length <= 0 || ftruncate(fd, 0) != 0) return -1;
    return pwrite(fd, text, (size_t)length, 0) == length ? 0 : -1;
}

int passerelle_lock_read_pid(int fd) {
    char text[32];
    ssize_t length = pread(fd, text, sizeof text - 1, 0);
    if (length <= 0) return 0;
    text[length] = 0;
    int pid = 0;
    for (ssize_t i = 0; i < length && text[i] >= '0' && text[i] <= '9'; i++) {
        if (pid > 100000000) return 0;
        pid = pid * 10 + (text[i] - '0');
    }
    return pid;
}

void passerelle_close(int fd) {
    if (fd >= 0) close(fd);
}
