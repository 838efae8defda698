/*
 * Reading one extension file into the model (struct extension):
 *
 *   1. a UTF-8 BOM is dropped and CRLF line ends become LF;
 *   2. the YAML frontmatter (between "---" lines at the top) is cut off first
 *      and read with libyaml as the manifest;
 *   3. the rest is read with md4c: "# " headings group commands (a code block
 *      right under one is prepended to each command of the group), "## "
 *      headings open commands, fenced code blocks give the code (the first
 *      whose info word is not metadata/schema, else the first bare one; the
 *      info word is the tool, a bare fence is bash), <!-- key: value -->
 *      comments and ```metadata JSON give the command's fields, ```schema its
 *      input/output schema.
 *
 * Nothing stops the rest: a broken command is skipped, invalid YAML loses
 * only the manifest, and every problem is recorded as FILE:LINE on
 * ext->problems (chitty ext validate prints them).
 */
#ifndef CHITTY_EXT_LOAD_H
#define CHITTY_EXT_LOAD_H

#include <stddef.h>

struct extension;

/* Larger files are refused rather than parsed. */
#define EXT_MAX_FILE_SIZE (16 * 1024 * 1024)

/*
 * Parse text[0..len) as the extension file at path (path names it in messages
 * and gives the default name).  Never NULL; the caller frees it.
 */
struct extension *extension_parse(const char *path, const char *text, size_t len);

/*
 * Read and parse the file at path.  NULL with *cause set when it cannot be
 * read ("cannot read PATH: …", too large, a folder).
 */
struct extension *extension_load_file(const char *path, char **cause);

#endif
