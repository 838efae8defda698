/*
 * Where chitty keeps things (XDG Base Directory specification).
 *
 *   config  $XDG_CONFIG_HOME/chitty  (~/.config/chitty)      config.json, extensions/, preferences/
 *   cache   $XDG_CACHE_HOME/chitty   (~/.cache/chitty)       parsed extensions, remote resources
 *   state   $XDG_STATE_HOME/chitty   (~/.local/state/chitty) history, sync state, log
 *   data    $CHITTY_DATA_DIR or the install's $(datadir)/chitty: shipped extensions/, sdk/
 *
 * An XDG variable that is unset, empty or relative is ignored, as the
 * specification says.  Every function returns a new string (the caller's).
 */
#ifndef CHITTY_PATHS_H
#define CHITTY_PATHS_H

#include <sys/types.h>

char *paths_home(void);
char *paths_config_dir(void);
char *paths_cache_dir(void);
char *paths_state_dir(void);
char *paths_data_dir(void);

/* dir + "/" + name, without doubling the slash. */
char *paths_join(const char *dir, const char *name);

/*
 * Create one of chitty's own folders (and its parents) if needed.  chitty's
 * folders may hold secrets (tokens in config.json, passwords in preferences,
 * resources in caches), so a folder chitty creates is 0700.
 * Returns 0, or -1 with *cause set.
 */
int paths_ensure(const char *dir, char **cause);

/*
 * Can the config folder and the folders chitty reads in it (extensions/,
 * snippets/, preferences/) be read, where they exist?  A missing folder is
 * fine (nothing configured yet); one that is a file or cannot be opened is
 * not: -1 with *cause ("cannot read the config folder PATH: REASON"), so
 * a command fails plainly instead of running without the user's setup.
 */
int paths_check_config(char **cause);

#endif
