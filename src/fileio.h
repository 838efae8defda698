/*
 * Whole-file I/O.  Every write of a file the user owns (config, preferences,
 * caches, history) goes through file_write_atomic, so a crash or a kill
 * mid-write leaves either the old file or the new one, never half of each.
 */
#ifndef CHITTY_FILEIO_H
#define CHITTY_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Read a whole file.  Returns a NUL-terminated buffer (the caller's) and its
 * length in *len (may be NULL), or NULL with *cause set ("cannot read PATH:
 * REASON").  Files over max_size bytes are refused (0: no limit).
 */
char *file_read_all(const char *path, size_t *len, size_t max_size, char **cause);

/*
 * Write data to path atomically: a temporary file in the same folder, fsync,
 * rename over path, fsync the folder.  mode applies to the new file.
 * Returns 0, or -1 with *cause set; on failure path is untouched.
 */
int file_write_atomic(const char *path, const void *data, size_t len, mode_t mode, char **cause);

/* mkdir -p; created folders get mode.  0 or -1 with *cause set. */
int mkdir_p(const char *path, mode_t mode, char **cause);

/* 1 when path exists (any type), 0 otherwise. */
int file_exists(const char *path);
int is_directory(const char *path);

/* Expand a leading "~" or "~/" to $HOME.  Returns a new string. */
char *expand_tilde(const char *path);

/* The final component of a path (borrowed, points into path). */
const char *path_basename(const char *path);

#endif
