/* See json.h. */
#include "json.h"

#include <string.h>

#include "utf8.h"

static int quote_control(struct buf *out, unsigned char c)
{
	switch (c) {
	case '\b': return buf_puts(out, "\\b");
	case '\t': return buf_puts(out, "\\t");
	case '\n': return buf_puts(out, "\\n");
	case '\f': return buf_puts(out, "\\f");
	case '\r': return buf_puts(out, "\\r");
	default: return buf_printf(out, "\\u%04x", c);
	}
}

int json_quote(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	int rc = buf_puts(out, "\"");
	while (p < end && rc == 0) {
		const unsigned char *run = p;
		while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		rc = buf_append(out, run, (size_t)(p - run));
		if (p == end || rc < 0)
			break;
		unsigned code_point;
		size_t n = *p >= 0x80 ? utf8_sequence(p, (size_t)(end - p), &code_point) : 0;
		if (n)
			rc = buf_append(out, p, n);
		else if (*p >= 0x80)
			rc = buf_puts(out, "\\ufffd");
		else if (*p == '"' || *p == '\\')
			rc = buf_printf(out, "\\%c", *p);
		else
			rc = quote_control(out, *p);
		p += n ? n : 1;
	}
	return rc < 0 || buf_puts(out, "\"") < 0 ? -1 : 0;
}

/* The separator, line break and indentation before a value, and its key. */
static void start_value(struct json_writer *w, const char *key)
{
	if (w->failed)
		return;
	int rc = 0;
	if (w->depth > 0) {
		rc |= buf_puts(w->out, w->has_items[w->depth] ? ",\n" : "\n");
		rc |= buf_printf(w->out, "%*s", 2 * w->depth, "");
		w->has_items[w->depth] = true;
	}
	if (key) {
		rc |= json_quote(w->out, key, strlen(key));
		rc |= buf_puts(w->out, ": ");
	}
	w->failed = rc < 0;
}

static void put(struct json_writer *w, const char *text)
{
	if (!w->failed && buf_puts(w->out, text) < 0)
		w->failed = true;
}

static void begin(struct json_writer *w, const char *key, const char *bracket)
{
	start_value(w, key);
	put(w, bracket);
	if (w->depth + 1 >= JSON_MAX_DEPTH) {
		w->failed = true;
		return;
	}
	w->depth++;
	w->has_items[w->depth] = false;
}

void json_begin_object(struct json_writer *w, const char *key)
{
	begin(w, key, "{");
}

void json_begin_array(struct json_writer *w, const char *key)
{
	begin(w, key, "[");
}

void json_end(struct json_writer *w, char bracket)
{
	if (w->failed || w->depth == 0)
		return;
	bool items = w->has_items[w->depth];
	w->depth--;
	if (items && buf_printf(w->out, "\n%*s", 2 * w->depth, "") < 0)
		w->failed = true;
	char close[2] = {bracket, '\0'};
	put(w, close);
	if (w->depth == 0)
		put(w, "\n");
}

void json_string_n(struct json_writer *w, const char *key, const char *s, size_t len)
{
	start_value(w, key);
	if (!w->failed && json_quote(w->out, s, len) < 0)
		w->failed = true;
}

void json_string(struct json_writer *w, const char *key, const char *value)
{
	if (value)
		json_string_n(w, key, value, strlen(value));
	else
		json_null(w, key);
}

void json_number(struct json_writer *w, const char *key, long value)
{
	start_value(w, key);
	if (!w->failed && buf_printf(w->out, "%ld", value) < 0)
		w->failed = true;
}

void json_bool(struct json_writer *w, const char *key, bool value)
{
	start_value(w, key);
	put(w, value ? "true" : "false");
}

void json_null(struct json_writer *w, const char *key)
{
	start_value(w, key);
	put(w, "null");
}
