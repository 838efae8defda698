/*
 * Loading libcurl on first use.
 *
 * Linked directly, libcurl and its dependency tree (TLS, Kerberos, LDAP,
 * compression, …) cost 15-25 ms at every program start, before main():
 * more than the launcher's whole first frame, for the many runs that never
 * touch the network.  So by default (configure --enable-curl-dlopen, the
 * default on Linux) chitty is not linked with libcurl; curl-dl.c defines
 * the libcurl functions chitty calls, and the first one called dlopens the
 * library ($CHITTY_LIBCURL, else its SONAME) and forwards.  When the
 * library cannot be loaded every call fails the way libcurl reports
 * failures (NULL handles, CURLE_FAILED_INIT) and curl_dl_error says why.
 * With --disable-curl-dlopen, libcurl is linked as usual.
 */
#ifndef CHITTY_CURL_DL_H
#define CHITTY_CURL_DL_H

/* Why libcurl could not be loaded (loading it if needed), or NULL when it is usable. */
const char *curl_dl_error(void);

#endif
