/* See escape.h. */
#include "escape.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

enum { UNIT_MAX = 8 };

/* The character at p as it is printed: writes it to unit and returns how
 * many bytes of text it took. */
static size_t next_unit(const unsigned char *p, size_t left, char unit[UNIT_MAX], size_t *unit_len)
{
	unsigned char c = *p;
	static const char named[] = {['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't'};
	if (c < 0x20 && c < sizeof(named) && named[c]) {
		unit[0] = '\\', unit[1] = named[c], *unit_len = 2;
		return 1;
	}
	if (c < 0x20 || c == 0x7F) {
		*unit_len = (size_t)snprintf(unit, UNIT_MAX, "\\x%02x", c);
		return 1;
	}
	if (c < 0x80) {
		unit[0] = (char)c, *unit_len = 1;
		return 1;
	}
	unsigned cp = 0;
	size_t n = utf8_sequence(p, left, &cp);
	if (n == 0) {
		*unit_len = (size_t)snprintf(unit, UNIT_MAX, "\\x%02x", c);
		return 1;
	}
	if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
		*unit_len = (size_t)snprintf(unit, UNIT_MAX, "\\u%04x", cp);
		return n;
	}
	memcpy(unit, p, n);
	*unit_len = n;
	return n;
}

int escape_append(struct buf *out, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	for (size_t at = 0; at < len;) {
		/* Plain runs go in one piece. */
		size_t run = at;
		while (run < len && p[run] >= 0x20 && p[run] < 0x7F)
			run++;
		if (run > at && buf_append(out, text + at, run - at) < 0)
			return -1;
		at = run;
		if (at == len)
			break;
		char unit[UNIT_MAX];
		size_t unit_len;
		at += next_unit(p + at, len - at, unit, &unit_len);
		if (buf_append(out, unit, unit_len) < 0)
			return -1;
	}
	if (!out->data)
		return buf_append(out, "", 0);
	return 0;
}

/* The escaped length of text. */
static size_t escaped_length(const unsigned char *p, size_t len)
{
	size_t total = 0;
	for (size_t at = 0; at < len;) {
		char unit[UNIT_MAX];
		size_t unit_len;
		at += next_unit(p + at, len - at, unit, &unit_len);
		total += unit_len;
	}
	return total;
}

/* Writes the units of text from `from` while they fit in room bytes;
 * returns where it stopped in text. */
static size_t put_units(const unsigned char *p, size_t from, size_t len, char *out, size_t *used, size_t room)
{
	size_t at = from;
	while (at < len) {
		char unit[UNIT_MAX];
		size_t unit_len;
		size_t took = next_unit(p + at, len - at, unit, &unit_len);
		if (*used + unit_len > room)
			break;
		memcpy(out + *used, unit, unit_len);
		*used += unit_len;
		at += took;
	}
	return at;
}

void escape_fit(char *out, size_t size, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t used = 0, total = escaped_length(p, len);
	if (size == 0)
		return;
	if (total < size) {
		put_units(p, 0, len, out, &used, size - 1);
		out[used] = '\0';
		return;
	}
	/* Room for the marker, then half of what is left for each end. */
	char marker[64];
	int marker_len = snprintf(marker, sizeof(marker), " [... %zu bytes left out ...] ", len);
	size_t room = size - 1 > (size_t)marker_len ? size - 1 - (size_t)marker_len : 0;
	size_t head_end = put_units(p, 0, len, out, &used, room / 2);
	/* The tail starts at the first character from which the rest fits. */
	size_t tail_room = room - used, tail = head_end, rest = total - used;
	while (tail < len && rest > tail_room) {
		char unit[UNIT_MAX];
		size_t unit_len;
		tail += next_unit(p + tail, len - tail, unit, &unit_len);
		rest -= unit_len;
	}
	marker_len = snprintf(marker, sizeof(marker), " [... %zu bytes left out ...] ", tail - head_end);
	if (used + (size_t)marker_len < size) {
		memcpy(out + used, marker, (size_t)marker_len);
		used += (size_t)marker_len;
	}
	put_units(p, tail, len, out, &used, size - 1);
	out[used] = '\0';
}

void escape_write(FILE *out, const char *text, size_t len, bool keep_lines)
{
	const unsigned char *p = (const unsigned char *)text;
	for (size_t at = 0; at < len;) {
		size_t run = at;
		while (run < len && ((p[run] >= 0x20 && p[run] < 0x7F) || (keep_lines && p[run] == '\n')))
			run++;
		fwrite(text + at, 1, run - at, out);
		at = run;
		if (at == len)
			break;
		char unit[UNIT_MAX];
		size_t unit_len;
		at += next_unit(p + at, len - at, unit, &unit_len);
		fwrite(unit, 1, unit_len, out);
	}
}

/* The text fmt makes, escaped but for a final line end, which with
 * whole_line is added when fmt gives none. */
static int escaped_vprintf(struct buf *out, bool whole_line, const char *fmt, va_list ap)
{
	struct buf text = {0};
	int rc = buf_vprintf(&text, fmt, ap);
	size_t len = text.len;
	bool line_end = rc == 0 && len > 0 && text.data[len - 1] == '\n';
	if (line_end)
		len--;
	if (rc == 0)
		rc = escape_append(out, text.data ? text.data : "", len);
	if (rc == 0 && (line_end || whole_line))
		rc = buf_append(out, "\n", 1);
	buf_free(&text);
	return rc;
}

int escaped_printf(struct buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = escaped_vprintf(out, false, fmt, ap);
	va_end(ap);
	return rc;
}

int note_vprintf(struct buf *notes, const char *fmt, va_list ap)
{
	return escaped_vprintf(notes, true, fmt, ap);
}

int note_printf(struct buf *notes, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = note_vprintf(notes, fmt, ap);
	va_end(ap);
	return rc;
}
