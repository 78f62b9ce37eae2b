/* See yamlquote.h. A \x escape is the one form double quotes give every
 * control character, so a rendered value never depends on which escapes a
 * reader knows by name. */
#include "yamlquote.h"

#include <string.h>

bool yaml_plain_safe(const char *text)
{
	size_t n = strlen(text);
	if (n == 0 || text[0] == ' ' || text[n - 1] == ' ' || text[n - 1] == ':')
		return false;
	if (strchr("!&*|>'\"%@`#,[]{}", text[0]))
		return false;
	if (strchr("-?:", text[0]) && (n == 1 || text[1] == ' '))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c == 0x7f || strchr(",[]{}", c))
			return false;
		if (c == ':' && i + 1 < n && text[i + 1] == ' ')
			return false;
		if (c == '#' && i > 0 && text[i - 1] == ' ')
			return false;
	}
	return true;
}

const char *yaml_double_quoted(struct buf *out, const char *text)
{
	out->len = 0;
	int rc = buf_puts(out, "\"");
	for (const char *p = text; *p && rc == 0; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\')
			rc = buf_printf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			rc = buf_printf(out, "\\x%02x", c);
		else
			rc = buf_append(out, p, 1);
	}
	if (rc < 0 || buf_append(out, "\"", 2) < 0)
		return NULL;
	out->len--;
	return out->data;
}

const char *yaml_single_quoted(struct buf *out, const char *text)
{
	out->len = 0;
	int rc = buf_puts(out, "'");
	for (const char *p = text; *p && rc == 0; p++) {
		rc = buf_append(out, p, 1);
		if (*p == '\'' && rc == 0)
			rc = buf_append(out, p, 1);
	}
	if (rc < 0 || buf_append(out, "'", 2) < 0)
		return NULL;
	out->len--;
	return out->data;
}
