/*
 * The parse cache: $XDG_CACHE_HOME/chitty/extensions.cache holds every
 * parsed extension keyed by its file's path, mtime (ns), size and inode, so
 * an unchanged file costs one stat at startup instead of a parse.
 *
 * One binary file, read in one go and checked before anything in it is used:
 * a magic word, the format version, a fingerprint of this chitty (version,
 * tool table, platform) and a checksum of the payload.  A corrupt, truncated
 * or other-version cache is ignored and rebuilt, never trusted.  A file
 * modified less than two seconds before it was parsed is "racy" (a same-size
 * edit within the file system's timestamp granularity would look unchanged)
 * and is parsed again.  Writes are atomic (file_write_atomic, 0600).
 */
#ifndef CHITTY_EXT_CACHE_H
#define CHITTY_EXT_CACHE_H

#include <stddef.h>
#include <sys/stat.h>

struct extension;
struct ext_cache;
struct strbuf;

/* The default cache file ($XDG_CACHE_HOME/chitty/extensions.cache); a new string. */
char *ext_cache_default_path(void);

/* Open the cache at path (read now); never NULL, empty when missing or invalid. */
struct ext_cache *ext_cache_open(const char *path);
void ext_cache_free(struct ext_cache *cache);

/* 1 when the file existed but was ignored (corrupt, truncated, another version). */
int ext_cache_was_invalid(const struct ext_cache *cache);
/* How many extensions came from the cache, and how many were parsed, since open. */
size_t ext_cache_hits(const struct ext_cache *cache);
size_t ext_cache_misses(const struct ext_cache *cache);

/*
 * The extension cached for path when st still matches its fingerprint: a new
 * extension (the caller's), or NULL when it must be parsed.
 */
struct extension *ext_cache_get(struct ext_cache *cache, const char *path, const struct stat *st);

/* Record a freshly parsed extension for path (copied into the cache). */
void ext_cache_put(struct ext_cache *cache, const char *path, const struct stat *st,
		   const struct extension *ext);

/*
 * Write the cache back when it changed: entries neither got nor put since
 * ext_cache_open (files that are gone) are dropped.  0, or -1 with *cause.
 */
int ext_cache_save(struct ext_cache *cache, char **cause);

/* Serialize one extension / read it back (exposed for tests).  NULL on bad input. */
void ext_cache_encode(const struct extension *ext, struct strbuf *out);
struct extension *ext_cache_decode(const char *data, size_t len, const char *path);

#endif
