/*
 * A plain transcription of fzy's algorithm as the matcher reference states
 * it: full n x m tables, no windows, no shortcuts beyond fzy's own.  The
 * tests compare src/match.c (and everything built on it) with this, bit for
 * bit, on random input.  Deliberately slow and obvious.
 */
#ifndef CHITTY_FZY_REF_H
#define CHITTY_FZY_REF_H

#include <stdlib.h>
#include <string.h>

#include "match.h"

static inline int
ref_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline int
ref_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* For each query char, its first occurrence after the previous hit, as c or toupper(c). */
static inline int
ref_has_match(const char *needle, size_t n, const char *hay, size_t m)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)needle[i], u = (unsigned char)ref_upper(c);
		while (j < m && (unsigned char)hay[j] != c && (unsigned char)hay[j] != u)
			j++;
		if (j == m)
			return 0;
		j++;
	}
	return 1;
}

static inline double
ref_bonus(unsigned char prev, unsigned char cur)
{
	int lower_or_digit = (cur >= 'a' && cur <= 'z') || (cur >= '0' && cur <= '9');
	int upper = cur >= 'A' && cur <= 'Z';
	if (!lower_or_digit && !upper)
		return 0;
	if (prev == '/')
		return 0.9;
	if (prev == '-' || prev == '_' || prev == ' ')
		return 0.8;
	if (prev == '.')
		return 0.6;
	if (upper && prev >= 'a' && prev <= 'z')
		return 0.7;
	return 0;
}

static inline double
ref_max(double a, double b)
{
	return a > b ? a : b;
}

/* fzy's match_positions; positions may be NULL. */
static inline double
ref_score(const char *needle, size_t n, const char *hay, size_t m, size_t *positions)
{
	if (n == 0)
		return SCORE_MIN;
	if (m > MATCH_MAX_LEN || n > m)
		return SCORE_MIN;
	if (n == m) {
		if (positions)
			for (size_t i = 0; i < n; i++)
				positions[i] = i;
		return SCORE_MAX;
	}
	double *D = malloc(sizeof(double) * n * m), *M = malloc(sizeof(double) * n * m);
	double *bonus = malloc(sizeof(double) * m);
	unsigned char prevc = '/';
	for (size_t j = 0; j < m; j++) {
		bonus[j] = ref_bonus(prevc, (unsigned char)hay[j]);
		prevc = (unsigned char)hay[j];
	}
	for (size_t i = 0; i < n; i++) {
		double prev = SCORE_MIN;
		double gap = i == n - 1 ? -0.005 : -0.01;
		for (size_t j = 0; j < m; j++) {
			double d = SCORE_MIN;
			if (ref_lower((unsigned char)needle[i]) ==
			    ref_lower((unsigned char)hay[j])) {
				if (i == 0) {
					volatile double lead = (double)j * -0.005;
					d = lead + bonus[j];
				} else if (j > 0) {
					d = ref_max(M[(i - 1) * m + j - 1] + bonus[j],
						    D[(i - 1) * m + j - 1] + 1.0);
				}
				prev = ref_max(d, prev + gap);
			} else {
				prev = prev + gap;
			}
			D[i * m + j] = d;
			M[i * m + j] = prev;
		}
	}
	if (positions) {
		int required = 0;
		long j = (long)m - 1;
		for (long i = (long)n - 1; i >= 0; i--) {
			for (; j >= 0; j--) {
				double d = D[i * m + j], mm = M[i * m + j];
				if (d != SCORE_MIN && (required || d == mm)) {
					required = i && j && mm == D[(i - 1) * m + j - 1] + 1.0;
					positions[i] = (size_t)j--;
					break;
				}
			}
		}
	}
	double r = M[(n - 1) * m + m - 1];
	free(D);
	free(M);
	free(bonus);
	return r;
}

#endif
