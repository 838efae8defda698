/*
 * Allocation that cannot fail, and fatal errors.
 *
 * Out of memory is a broken invariant for chitty: these functions print
 * "chitty: out of memory" and exit rather than return NULL.  fatal() is for
 * broken invariants only; recoverable failures return -1 or NULL and fill a
 * char **cause instead (see xasprintf for building one).
 */
#ifndef CHITTY_XMALLOC_H
#define CHITTY_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

#define printflike(a, b) __attribute__((format(printf, a, b)))
#define nitems(a)        (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
/* xstrdup(NULL) is NULL; handy for optional fields. */
char *xstrdup_or_null(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) printflike(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/*
 * Called by fatal() before it prints, so whoever owns the terminal (the UI)
 * can restore it first.  NULL when nothing needs restoring.
 */
extern void (*fatal_cleanup_hook)(void);

/* Print "chitty: MESSAGE" (and errno's text for fatal) and exit(70). */
__attribute__((noreturn)) void fatal(const char *fmt, ...) printflike(1, 2);
__attribute__((noreturn)) void fatalx(const char *fmt, ...) printflike(1, 2);

/* Set *cause (when cause is not NULL) to a new formatted message. */
void set_cause(char **cause, const char *fmt, ...) printflike(2, 3);

#endif
