/* chitty: main only wires the locale to the command table. */
#include "build-config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "cmd.h"

int
main(int argc, char **argv)
{
	/* Display widths and ncursesw need a UTF-8 character type. */
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	return cmd_main(argc, argv);
}
