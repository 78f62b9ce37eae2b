/* Shell completion scripts for bash, zsh and fish.
 *
 * Why generated: the option table (options.c) already drives parsing, the
 * config file and --help; writing the scripts from it too means a flag, its
 * choices and whether it takes a file cannot be known to the program and
 * missing from the shell. Profile names are not baked in: the scripts ask
 * the program itself (--list-profiles, with any --profile-dir typed before),
 * so profiles added later complete as well. */
#ifndef LS_COMPLETION_H
#define LS_COMPLETION_H

#include <stdio.h>

#include "error.h"

/* Writes the script for `shell` (bash, zsh or fish); an unknown shell is a
 * usage error and writes nothing. */
int completion_write(const char *shell, FILE *out, struct ls_error *err);

#endif
