/*
 * libcurl, loaded the first time chitty needs it (see curl-dl.h).
 *
 * This file defines the libcurl functions chitty calls.  The first call
 * dlopens the library and every call forwards to it.  The variadic
 * setters forward their one argument by the type libcurl itself reads for
 * that option (curl.h numbers options by type: long, object pointer,
 * function pointer, curl_off_t, blob), so nothing is passed through a
 * mismatched va_arg.
 */
#include "build-config.h"

#include <stddef.h>

#include "curl-dl.h"

#ifdef CHITTY_CURL_SONAME

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Our own definitions stand in for libcurl's: no type-checking macros. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

typedef void (*curl_dl_fnptr)(void);

/* curl 8 made curl_url_get's handle const (configure checks which we have). */
#ifdef CHITTY_CURL_URL_GET_CONST
#define URL_GET_HANDLE const CURLU
#else
#define URL_GET_HANDLE CURLU
#endif

static struct {
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	void (*easy_cleanup)(CURL *);
	void (*easy_reset)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	CURLSH *(*share_init)(void);
	CURLSHcode (*share_setopt)(CURLSH *, CURLSHoption, ...);
	CURLU *(*url)(void);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
	CURLUcode (*url_get)(URL_GET_HANDLE *, CURLUPart, char **, unsigned int);
	void (*url_cleanup)(CURLU *);
	void (*free)(void *);
	time_t (*getdate)(const char *, const time_t *);
} fn;

static int curl_loaded;
static char curl_load_error[256];
static pthread_once_t curl_load_once = PTHREAD_ONCE_INIT;

static void
curl_load(void)
{
	const char *name = getenv("CHITTY_LIBCURL");
	if (name == NULL || *name == '\0')
		name = CHITTY_CURL_SONAME;
	void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		const char *why = dlerror();
		snprintf(curl_load_error, sizeof curl_load_error, "cannot load libcurl (%s)",
			 why != NULL ? why : name);
		return;
	}
	static const struct {
		void *slot;
		const char *name;
	} symbols[] = {
		{&fn.global_init, "curl_global_init"},
		{&fn.easy_init, "curl_easy_init"},
		{&fn.easy_setopt, "curl_easy_setopt"},
		{&fn.easy_perform, "curl_easy_perform"},
		{&fn.easy_cleanup, "curl_easy_cleanup"},
		{&fn.easy_reset, "curl_easy_reset"},
		{&fn.easy_getinfo, "curl_easy_getinfo"},
		{&fn.easy_strerror, "curl_easy_strerror"},
		{&fn.slist_append, "curl_slist_append"},
		{&fn.slist_free_all, "curl_slist_free_all"},
		{&fn.share_init, "curl_share_init"},
		{&fn.share_setopt, "curl_share_setopt"},
		{&fn.url, "curl_url"},
		{&fn.url_set, "curl_url_set"},
		{&fn.url_get, "curl_url_get"},
		{&fn.url_cleanup, "curl_url_cleanup"},
		{&fn.free, "curl_free"},
		{&fn.getdate, "curl_getdate"},
	};
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		void *sym = dlsym(lib, symbols[i].name);
		if (sym == NULL) {
			/* Too old a libcurl (curl_url needs 7.62): fail every call. */
			snprintf(curl_load_error, sizeof curl_load_error,
				 "cannot load libcurl (%s has no %s)", name, symbols[i].name);
			dlclose(lib);
			return;
		}
		/* POSIX's way to store a dlsym result in a function pointer. */
		*(void **)symbols[i].slot = sym;
	}
	curl_loaded = 1;
}

static int
loaded(void)
{
	pthread_once(&curl_load_once, curl_load);
	return curl_loaded;
}

const char *
curl_dl_error(void)
{
	return loaded() ? NULL : curl_load_error;
}

CURLcode
curl_global_init(long flags)
{
	return loaded() ? fn.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *
curl_easy_init(void)
{
	return loaded() ? fn.easy_init() : NULL;
}

CURLcode
curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
	if (!loaded())
		return CURLE_FAILED_INIT;
	va_list ap;
	va_start(ap, option);
	CURLcode rc;
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = fn.easy_setopt(curl, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_FUNCTIONPOINT)
		rc = fn.easy_setopt(curl, option, va_arg(ap, void *));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = fn.easy_setopt(curl, option, va_arg(ap, curl_dl_fnptr));
	else if (option < CURLOPTTYPE_BLOB)
		rc = fn.easy_setopt(curl, option, va_arg(ap, curl_off_t));
	else
		rc = fn.easy_setopt(curl, option, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode
curl_easy_perform(CURL *curl)
{
	return loaded() ? fn.easy_perform(curl) : CURLE_FAILED_INIT;
}

void
curl_easy_cleanup(CURL *curl)
{
	if (loaded())
		fn.easy_cleanup(curl);
}

void
curl_easy_reset(CURL *curl)
{
	if (loaded())
		fn.easy_reset(curl);
}

CURLcode
curl_easy_getinfo(CURL *curl, CURLINFO info, ...)
{
	if (!loaded())
		return CURLE_FAILED_INIT;
	/* Every CURLINFO_* takes a pointer to where the answer goes. */
	va_list ap;
	va_start(ap, info);
	CURLcode rc = fn.easy_getinfo(curl, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

const char *
curl_easy_strerror(CURLcode code)
{
	return loaded() ? fn.easy_strerror(code) : curl_load_error;
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *s)
{
	return loaded() ? fn.slist_append(list, s) : NULL;
}

void
curl_slist_free_all(struct curl_slist *list)
{
	if (loaded())
		fn.slist_free_all(list);
}

CURLSH *
curl_share_init(void)
{
	return loaded() ? fn.share_init() : NULL;
}

CURLSHcode
curl_share_setopt(CURLSH *share, CURLSHoption option, ...)
{
	if (!loaded())
		return CURLSHE_NOT_BUILT_IN;
	va_list ap;
	va_start(ap, option);
	CURLSHcode rc;
	switch (option) {
	case CURLSHOPT_SHARE:
	case CURLSHOPT_UNSHARE:
		rc = fn.share_setopt(share, option, va_arg(ap, int)); /* curl_lock_data */
		break;
	case CURLSHOPT_LOCKFUNC:
	case CURLSHOPT_UNLOCKFUNC:
		rc = fn.share_setopt(share, option, va_arg(ap, curl_dl_fnptr));
		break;
	default:
		rc = fn.share_setopt(share, option, va_arg(ap, void *));
		break;
	}
	va_end(ap);
	return rc;
}

CURLU *
curl_url(void)
{
	return loaded() ? fn.url() : NULL;
}

CURLUcode
curl_url_set(CURLU *url, CURLUPart part, const char *content, unsigned int flags)
{
	return loaded() ? fn.url_set(url, part, content, flags) : CURLUE_BAD_HANDLE;
}

CURLUcode
curl_url_get(URL_GET_HANDLE *url, CURLUPart part, char **content, unsigned int flags)
{
	return loaded() ? fn.url_get(url, part, content, flags) : CURLUE_BAD_HANDLE;
}

void
curl_url_cleanup(CURLU *url)
{
	if (loaded())
		fn.url_cleanup(url);
}

void
curl_free(void *p)
{
	if (loaded())
		fn.free(p);
}

time_t
curl_getdate(const char *date, const time_t *unused)
{
	return loaded() ? fn.getdate(date, unused) : -1;
}

#else /* libcurl is linked */

const char *
curl_dl_error(void)
{
	return NULL;
}

#endif
