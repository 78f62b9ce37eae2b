/* Text from the input and the flags, made safe to print in a message.
 *
 * Why: a message is one line on a terminal. A value that carries a line
 * end would split one warning into two and forge a line of the program's
 * own (in --check's differences and the report's warnings too), and ESC or
 * BEL would reach the terminal as commands. Every control character (C0,
 * DEL, C1), the Unicode line and paragraph separators and bytes that are
 * not UTF-8 are therefore written as escapes (\n, \x1b, \u0085); all other
 * text, UTF-8 included, is left as it is. Escaping needs no allocation, so
 * an error message can be written when memory is exhausted. */
#ifndef LS_ESCAPE_H
#define LS_ESCAPE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

/* Appends text with its control characters escaped; 0, or -1 when memory
 * is exhausted. */
int escape_append(struct buf *out, const char *text, size_t len);

/* Writes text escaped into out (size bytes, NUL-terminated). Text whose
 * escaped form does not fit keeps its start and its end (where a message
 * says where and why) and says how many bytes were left out between them. */
void escape_fit(char *out, size_t size, const char *text, size_t len);

/* Writes text escaped to out; with keep_lines, its line ends stay line
 * ends (text made of lines, each of which the program wrote). */
void escape_write(FILE *out, const char *text, size_t len, bool keep_lines);

/* Appends the text fmt makes, escaped but for a final line end (a line
 * or a part of one, from values of the input or the flags). */
int escaped_printf(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends one warning line: the text fmt makes, a final line end aside,
 * escaped, then a line end. */
int note_printf(struct buf *notes, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int note_vprintf(struct buf *notes, const char *fmt, va_list ap);

#endif
