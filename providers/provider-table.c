#include "build-config.h"

#include <string.h>

#include "provider.h"
#include "strv.h"

/* Each provider is built in its own file (providers/NAME.c). */
extern const struct provider github_provider;
extern const struct provider notion_provider;
extern const struct provider linear_provider;
extern const struct provider cloudflare_provider;
extern const struct provider neon_provider;

const struct provider *const provider_table[] = {
	&github_provider,     &notion_provider, &linear_provider,
	&cloudflare_provider, &neon_provider,   NULL,
};

const struct provider *
provider_find(const char *name)
{
	for (size_t i = 0; provider_table[i] != NULL; i++) {
		const struct provider *p = provider_table[i];
		if (strcmp(p->name, name) == 0)
			return p;
		for (size_t j = 0; p->aliases[j] != NULL; j++)
			if (strcmp(p->aliases[j], name) == 0)
				return p;
	}
	return NULL;
}

const struct provider *
provider_for_type(const char *type)
{
	for (size_t i = 0; provider_table[i] != NULL; i++)
		for (size_t j = 0; provider_table[i]->types[j] != NULL; j++)
			if (strcmp(provider_table[i]->types[j], type) == 0)
				return provider_table[i];
	return NULL;
}

int
provider_is_built(const struct provider *p)
{
	return p->built;
}

void
provider_names(struct strv *out)
{
	for (size_t i = 0; provider_table[i] != NULL; i++) {
		strv_push(out, provider_table[i]->name);
		for (size_t j = 0; provider_table[i]->aliases[j] != NULL; j++)
			strv_push(out, provider_table[i]->aliases[j]);
	}
}

void
provider_types(struct strv *out)
{
	for (size_t i = 0; provider_table[i] != NULL; i++)
		for (size_t j = 0; provider_table[i]->types[j] != NULL; j++)
			strv_push(out, provider_table[i]->types[j]);
}
