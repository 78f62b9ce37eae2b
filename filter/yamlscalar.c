/* See yamlscalar.h. Asking libfyaml to format every scalar's text costs more
 * than building the rest of the tree, so text that needs no decoding is read
 * from the input as written, and quoted text is decoded here. */
#include "yamlscalar.h"

#include <string.h>

/* Column of the first non-blank line of a | or > scalar (whose start is its
 * indicator), -1 when it has none; *at gets that line's first character. */
static long block_content_column(const struct yinput *in, const struct ynode *node, size_t *at)
{
	size_t pos = node->start;
	while (pos < node->end && in->text[pos] != '\n')
		pos++;
	while (pos < node->end) {
		size_t line_start = ++pos;
		while (pos < node->end && in->text[pos] == ' ')
			pos++;
		if (pos < node->end && in->text[pos] != '\n' && in->text[pos] != '\r') {
			*at = pos;
			return (long)(pos - line_start);
		}
		while (pos < node->end && in->text[pos] != '\n')
			pos++;
	}
	return -1;
}

/* libfyaml 0.7.12 takes `k:` followed by a scalar on the next line at the
 * key's own indentation as k's value; YAML does not, and a line added after
 * it would turn the document into one no parser reads. */
static bool value_not_indented(const struct ynode *map, const struct ynode *value)
{
	if (map->kind != YN_MAP || map->style != YS_BLOCK || map->count % 2 == 0 || value->style == YS_EMPTY ||
	    value->style == YS_LITERAL || value->style == YS_FOLDED)
		return false;
	bool block_collection = value->kind != YN_SCALAR && value->kind != YN_NULL && value->kind != YN_ALIAS &&
				value->style == YS_BLOCK;
	return !block_collection && value->line > map->last->line && value->column <= map->column;
}

/* libfyaml 0.7.12 reads `k: >` followed by `  j: 1` at k's indentation as k's
 * text; YAML (and Kubernetes) read an empty k and a key j. */
static int check_block_content(const struct yinput *in, const struct ynode *parent, const struct ynode *node,
			       struct ls_error *err)
{
	if (parent->style != YS_BLOCK || (node->style != YS_LITERAL && node->style != YS_FOLDED))
		return 0;
	size_t at = 0;
	long column = block_content_column(in, node, &at);
	if (column < 0 || column > parent->column)
		return 0;
	int line = 1;
	for (const char *p = in->text; (p = memchr(p, '\n', (size_t)(in->text + at - p))); p++)
		line++;
	return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%ld: invalid indentation: the lines of a "
		       "| or > scalar must be indented more than the key or list it belongs to", in->name,
		       in->document, line, column + 1);
}

int yscalar_check_indentation(const struct yinput *in, const struct ynode *parent, const struct ynode *node,
			      struct ls_error *err)
{
	if (value_not_indented(parent, node))
		return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: invalid indentation: a value on "
			       "the line after its key must be indented more than the key", in->name,
			       in->document, node->line + 1, node->column + 1);
	return check_block_content(in, parent, node, err);
}

static bool plain_null(const char *text, size_t len)
{
	switch (len) {
	case 0: return true;
	case 1: return text[0] == '~';
	case 4: return memcmp(text, "null", 4) == 0 || memcmp(text, "Null", 4) == 0 || memcmp(text, "NULL", 4) == 0;
	default: return false;
	}
}

static enum ynode_style scalar_style(struct fy_token *token)
{
	switch (fy_token_scalar_style(token)) {
	case FYSS_SINGLE_QUOTED: return YS_SINGLE;
	case FYSS_DOUBLE_QUOTED: return YS_DOUBLE;
	case FYSS_LITERAL: return YS_LITERAL;
	case FYSS_FOLDED: return YS_FOLDED;
	default: return YS_PLAIN;
	}
}

/* The text as written, when it needs no unquoting or folding: a one-line
 * plain scalar, or a one-line quoted one without escapes. Asking libfyaml to
 * format every scalar's text costs more than the rest of the tree. Whether
 * a scalar spans lines its marks already tell (libfyaml counts a lone CR as
 * a line break too), so a plain one is never scanned. */
static bool raw_text(const struct yinput *in, const struct ynode *node, bool single_line, const char **text,
		     size_t *len)
{
	size_t start = node->start, end = node->end;
	if (node->style == YS_SINGLE || node->style == YS_DOUBLE)
		start++, end--;
	else if (node->style != YS_PLAIN)
		return false;
	if (end < start || end > in->len || !single_line)
		return false;
	const char *p = in->text + start;
	size_t n = end - start;
	if (node->style != YS_PLAIN && memchr(p, node->style == YS_DOUBLE ? '\\' : '\'', n))
		return false;
	*text = p;
	*len = n;
	return true;
}

/* Single-quoted text, unquoted here rather than by libfyaml: 0.7.12 leaks a
 * buffer formatting a scalar of many consecutive '' escapes (found by
 * fuzzing). The rules are few: '' is ', and line breaks fold as in any flow
 * scalar (one break is a space, n breaks are n-1 newlines, the white space
 * around them goes). */
/* A line break in a quoted scalar at p[*i]: blanks before it go (except
 * those below `kept`, which escapes wrote), a single break becomes a space
 * and each empty line after it a newline. Returns the output length. */
static size_t fold_line_break(const char *p, size_t n, size_t *i, char *out, size_t o, size_t kept)
{
	while (o > kept && (out[o - 1] == ' ' || out[o - 1] == '\t'))
		o--;
	size_t breaks = 0;
	while (*i < n && strchr(" \t\r\n", p[*i]))
		breaks += p[(*i)++] == '\n';
	if (breaks <= 1)
		out[o++] = ' ';
	for (size_t k = 1; k < breaks; k++)
		out[o++] = '\n';
	return o;
}

static size_t put_utf8(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The value of up to n hex digits at p, read up to the first that is not one. */
static unsigned long hex_value(const char *p, size_t n)
{
	unsigned long value = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (digit < 0)
			break;
		value = value << 4 | (unsigned long)digit;
	}
	return value;
}

/* One escape of a double-quoted scalar, p just past its backslash (the parser
 * has checked it); writes its text to out, returns the input it used. */
static size_t unescape(const char *p, size_t left, char *out, size_t *written)
{
	static const char simple_in[] = "0abt\tnvfre \"/\\", simple_out[] = "\0\a\b\t\t\n\v\f\r\x1b \"/\\";
	const char *hit = left ? memchr(simple_in, p[0], sizeof(simple_in) - 1) : NULL;
	if (hit) {
		out[0] = simple_out[hit - simple_in];
		*written = 1;
		return 1;
	}
	static const char named[] = "N_LP";
	static const unsigned long named_cp[] = {0x85, 0xA0, 0x2028, 0x2029};
	const char *name = left ? memchr(named, p[0], sizeof(named) - 1) : NULL;
	if (name) {
		*written = put_utf8(out, named_cp[name - named]);
		return 1;
	}
	size_t digits = left && p[0] == 'x' ? 2 : left && p[0] == 'u' ? 4 : left && p[0] == 'U' ? 8 : 0;
	if (digits == 0 || digits >= left) {
		*written = 0;
		return 0;
	}
	*written = put_utf8(out, hex_value(p + 1, digits));
	return digits + 1;
}

/* A double-quoted scalar's text, folded and unescaped as YAML says.
 * libfyaml 0.7.12 folds CRLF breaks wrongly near the end of one ("a" and five
 * CRLF breaks give nine newlines, not four). Whitespace that escapes wrote is
 * never trimmed as trailing. */
static char *unquote_double(struct arena *arena, const char *p, size_t n, size_t *len)
{
	char *out = arena_alloc(arena, n * 2 + 1);
	if (!out)
		return NULL;
	size_t o = 0, kept = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] == '\\' && i + 1 < n && (p[i + 1] == '\n' || p[i + 1] == '\r')) {
			/* An escaped break joins the lines; lines of blanks after it are
			 * newlines. A CR always comes with its LF (text_check). */
			i += p[i + 1] == '\r' ? 3 : 2;
			for (;;) {
				size_t j = i;
				while (j < n && (p[j] == ' ' || p[j] == '\t'))
					j++;
				if (j == n || (p[j] != '\r' && p[j] != '\n')) {
					i = j;
					break;
				}
				out[o++] = '\n';
				i = j + (p[j] == '\r' ? 2 : 1);
			}
			kept = o;
		} else if (p[i] == '\\') {
			size_t written = 0;
			size_t used = unescape(p + i + 1, n - i - 1, out + o, &written);
			i += 1 + used;
			o += written;
			kept = o;
		} else if (p[i] == '\n' || p[i] == '\r') {
			o = fold_line_break(p, n, &i, out, o, kept);
		} else {
			out[o++] = p[i++];
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}

static char *unquote_single(struct arena *arena, const char *p, size_t n, size_t *len)
{
	char *out = arena_alloc(arena, n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] == '\'' && i + 1 < n && p[i + 1] == '\'') {
			out[o++] = '\'';
			i += 2;
		} else if (p[i] == '\n' || p[i] == '\r') {
			o = fold_line_break(p, n, &i, out, o, 0);
		} else {
			out[o++] = p[i++];
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}

/* libfyaml 0.7.12 formats some | or > scalars whose indicator begins its line
 * past column 0 and whose text sits at the indicator's column into a buffer
 * it sized too small (seen with five or more empty lines, then one of blanks
 * one deeper): it returns no text and leaks the buffer. Every such scalar is
 * refused before libfyaml is asked for its text. */
static bool misformatted_block_scalar(const struct yinput *in, const struct ynode *node)
{
	if (node->style != YS_LITERAL && node->style != YS_FOLDED)
		return false;
	size_t line_start = node->start;
	while (line_start > 0 && (in->text[line_start - 1] == ' ' || in->text[line_start - 1] == '\t'))
		line_start--;
	if (line_start > 0 && in->text[line_start - 1] != '\n')
		return false;
	size_t at = 0, indicator_column = node->start - line_start;
	long column = block_content_column(in, node, &at);
	return indicator_column > 0 && column >= 0 && (size_t)column == indicator_column;
}

/* Text of | or > and multi-line plain scalars (quoted ones are unquoted
 * here). fy_token_get_text sizes its buffer by one count of the text and
 * fills it by another; where the two disagree it returns no text and leaks.
 * The chunks it would have copied are read instead, into a copy the
 * document's arena owns. */
/* *unreadable is set when the parser could not give the text at all,
 * which is the input's shape, not a lack of memory. */
static char *text_by_chunks(struct arena *arena, struct fy_token *token, size_t *len, bool *unreadable)
{
	struct fy_token_iter *iter = fy_token_iter_create(token);
	if (!iter)
		return NULL;
	struct buf text = {0};
	bool failed = false;
	int end = 0;
	for (const struct fy_iter_chunk *chunk = NULL; (chunk = fy_token_iter_chunk_next(iter, chunk, &end));)
		failed |= buf_append(&text, chunk->str, chunk->len) < 0;
	fy_token_iter_destroy(iter);
	*unreadable = !failed && end != 0;
	char *copy = failed || end != 0 ? NULL : arena_strndup(arena, text.data ? text.data : "", text.len);
	*len = text.len;
	buf_free(&text);
	return copy;
}

/* Token text lives only as long as its event, so formatted text is copied.
 * Text as written stays borrowed from the input until the document is kept:
 * most documents are dropped, and copying their scalars was measurable. */
int yscalar_set_text(const struct yinput *in, struct ynode *node, struct fy_token *token, bool single_line,
		     struct arena *arena, struct ls_error *err)
{
	size_t len = 0;
	const char *text = NULL;
	if (raw_text(in, node, single_line, &text, &len)) {
		node->text = text;
		node->len = len;
		node->borrowed = true;
		return 0;
	}
	if (node->style == YS_SINGLE || node->style == YS_DOUBLE) {
		const char *inner = in->text + node->start + 1;
		size_t inner_len = node->end - node->start - 2;
		node->text = node->style == YS_SINGLE ? unquote_single(arena, inner, inner_len, &node->len)
						      : unquote_double(arena, inner, inner_len, &node->len);
		return node->text ? 0 : err_set(err, LS_EXIT_IO, "out of memory");
	}
	if (misformatted_block_scalar(in, node))
		return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: a | or > scalar whose text starts "
			       "at its indicator's column is not supported: indent the text further", in->name,
			       in->document, node->line + 1, node->column + 1);
	bool unreadable = false;
	node->text = text_by_chunks(arena, token, &node->len, &unreadable);
	if (unreadable)
		return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: the YAML parser gives no text for "
			       "this scalar; write it another way", in->name, in->document, node->line + 1,
			       node->column + 1);
	return node->text ? 0 : err_set(err, LS_EXIT_IO, "out of memory");
}


/* Whether the | or > header at start keeps its final line breaks (`+`). */
static bool keeps_breaks(const struct yinput *in, size_t start)
{
	for (size_t pos = start + 1; pos < in->len && strchr("+-0123456789", in->text[pos]); pos++)
		if (in->text[pos] == '+')
			return true;
	return false;
}

/* libfyaml 0.7.12 ends a | or > scalar where the next token starts, past
 * the line breaks, blank lines and indentation that follow its text. The
 * node ends instead with its last line: with the last line of text, before
 * its break, when trailing breaks are stripped or clipped; after the last
 * blank line's break when they are kept (`+`), where they are the value's. A
 * line placed after the node then goes after everything that is its. */
static void end_block_scalar(const struct yinput *in, struct ynode *node)
{
	const char *t = in->text;
	size_t header_end = node->start;
	while (header_end < node->end && t[header_end] != '\n' && t[header_end] != '\r')
		header_end++;
	size_t end = node->end;
	while (end > header_end && (t[end - 1] == ' ' || t[end - 1] == '\t'))
		end--;
	if (end > header_end && t[end - 1] != '\n')
		return; /* ends on a line of its own text, at the end of the input */
	if (keeps_breaks(in, node->start)) {
		node->end = end;
		return;
	}
	for (;;) {
		if (end > header_end && t[end - 1] == '\n')
			end--;
		if (end > header_end && t[end - 1] == '\r')
			end--;
		size_t line = end;
		while (line > header_end && t[line - 1] != '\n')
			line--;
		bool blank = true;
		for (size_t i = line; i < end && blank; i++)
			blank = t[i] == ' ' || t[i] == '\t';
		if (!blank || end <= header_end)
			break;
		end = line;
	}
	node->end = end;
}

static void widen_to_indicators(const struct yinput *in, struct ynode *node)
{
	if (node->style == YS_SINGLE || node->style == YS_DOUBLE) {
		if (node->start > 0)
			node->start--, node->column--;
		if (node->end < in->len)
			node->end++;
		return;
	}
	if (node->style != YS_LITERAL && node->style != YS_FOLDED)
		return;
	size_t pos = node->start;
	while (pos > 0 && in->text[pos - 1] != '|' && in->text[pos - 1] != '>')
		pos--;
	if (pos > 0)
		node->start = pos - 1;
	end_block_scalar(in, node);
}

int yscalar_decode(const struct yinput *in, struct ynode *node, struct fy_event *event, bool single_line,
		   struct arena *arena, struct ls_error *err)
{
	struct fy_token *token = event->scalar.value;
	node->has_anchor_or_tag = event->scalar.anchor || event->scalar.tag;
	if (!token) {
		node->kind = YN_NULL;
		node->style = YS_EMPTY;
		node->text = "";
		return 0;
	}
	node->style = scalar_style(token);
	widen_to_indicators(in, node);
	if (yscalar_set_text(in, node, token, single_line, arena, err) < 0)
		return -1;
	if (node->style == YS_PLAIN && !event->scalar.tag && plain_null(node->text, node->len))
		node->kind = YN_NULL;
	return 0;
}
