/*
 * `chitty config`: the "New remote" form as line prompts on the terminal
 * (the launcher has its own curses forms).  Choose a type from the provider
 * table, answer each field of its schema (secrets typed with echo off and
 * shown as dots; env:NAME and cmd:COMMAND references accepted), test the
 * connection, save.
 */
#ifndef CHITTY_CONFIG_FORM_H
#define CHITTY_CONFIG_FORM_H

/* Run the form on stdin/stdout (a terminal).  Returns the exit status. */
int config_form_run(int test);

#endif
