/* A small deterministic random generator for property tests (xorshift32). */
#ifndef CHITTY_TEST_RANDOM_H
#define CHITTY_TEST_RANDOM_H

#include <stdint.h>

struct rng {
	uint32_t state; /* any non-zero seed */
};

static inline uint32_t
rng_next(struct rng *r)
{
	uint32_t x = r->state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return r->state = x;
}

/* Uniform-enough in [0, n); n > 0. */
static inline uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((uint64_t)rng_next(r) * n) >> 32);
}

#endif
