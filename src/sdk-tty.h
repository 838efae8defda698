/*
 * The script SDK's front end without the launcher (`chitty run`): prompts
 * on the terminal as a numbered list or a line read, or a clear error
 * when stdin is not a terminal (sdk-tty.c has the details).
 */
#ifndef CHITTY_SDK_TTY_H
#define CHITTY_SDK_TTY_H

#include "exec.h"

const struct exec_sdk_frontend *sdk_tty_frontend(void);

#endif
