/* Small helpers over cJSON for reading API responses and printing --json. */
#ifndef CHITTY_JSONUTIL_H
#define CHITTY_JSONUTIL_H

#include <stdio.h>

#include <cjson/cJSON.h>

/* A string member (borrowed), or NULL when missing or not a string. */
const char *json_string(const cJSON *obj, const char *key);
/* A number member, or fallback. */
double json_number(const cJSON *obj, const char *key, double fallback);
/* 1/0 for a boolean member, or fallback. */
int json_bool(const cJSON *obj, const char *key, int fallback);
/*
 * Follow a dotted path of object keys ("user.login", "result_info.cursor");
 * numeric segments index arrays ("errors.0.message").  Borrowed, or NULL.
 */
const cJSON *json_path(const cJSON *obj, const char *path);
const char *json_path_string(const cJSON *obj, const char *path);

/*
 * JSON for people to read, as jq and httpie show it: two spaces a level,
 * one member or element a line, "key": value, empty containers as {} and
 * [].  A new string, without a final newline.
 */
char *json_pretty(const cJSON *json);

/* Print pretty JSON and a newline. */
void json_print(FILE *fp, const cJSON *json);

#endif
