/* Builds per-document node trees from libfyaml's parser events.
 *
 * Why events rather than libfyaml documents: events carry the byte marks the
 * splicing editor needs, they never expand aliases, and a document that is of
 * no interest costs one arena reset instead of a tree of library objects. */
#include "yamltree.h"

#include <libfyaml.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The keys seen so far in one open mapping, to reject duplicates (the
 * event parser does not): YAML forbids them, and two `type:` keys would make
 * "the" value ambiguous to whoever applies the output. */
struct keyref {
	const char *text;
	size_t len;
	uint64_t hash;
};

struct keyset {
	struct keyref *slots;
	size_t cap, count;
};

/* A mapping's keys are checked by a linear scan while they are few (most
 * Kubernetes mappings hold a handful) and through a hash set once they are
 * many, so that a hostile mapping of many keys stays linear. The keys of all
 * open mappings share one stack: a nested mapping's keys are popped before
 * its parent adds the next one, so each mapping's keys stay contiguous. */
enum { FEW_KEYS = 12 };

struct keystack {
	struct keyref *refs;
	size_t count, cap;
};

struct frame {
	struct ynode *node; /* NULL while the document is skipped */
	bool is_map;
	size_t entries;
	size_t keys_base;  /* where this mapping's keys start on the key stack */
	struct keyset many; /* built once the mapping has more than FEW_KEYS keys */
};

struct builder {
	const char *name;
	const char *input;
	size_t len;
	const struct ylimits *limits;
	ydoc_fn on_document;
	void *ctx;
	struct ls_error *err;

	struct ydoc *doc;      /* being built */
	struct ydoc *finished; /* complete, waiting for the next document's start */
	struct ydoc *spare;    /* a dropped document kept for its arena */
	const char *const *kinds;
	struct keyset anchors; /* of the current document: an alias must follow its anchor */
	struct keystack keys;
	struct fy_event *event; /* being handled */
	bool marks_read;        /* mark_start and mark_end are the event's */
	const struct fy_mark *mark_start, *mark_end;
	bool skipping;     /* the document's kind is of no interest */
	bool after_kind;   /* the last root key read was `kind` */
	struct frame *stack;
	size_t depth;
	size_t aliases;
	size_t documents;
	size_t last_end;
	int last_line, last_column;
};

static void diag_discard(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	(void)diag, (void)user, (void)buf, (void)len;
}

static struct fy_diag *diag_create(void)
{
	struct fy_diag_cfg cfg;
	fy_diag_cfg_default(&cfg);
	cfg.fp = NULL;
	cfg.output_fn = diag_discard;
	cfg.colorize = false;
	struct fy_diag *diag = fy_diag_create(&cfg);
	if (diag)
		fy_diag_set_collect_errors(diag, true);
	return diag;
}

static size_t current_document(const struct builder *b)
{
	return b->doc ? b->doc->number : b->documents + 1;
}

static int parse_error(struct builder *b, struct fy_diag *diag)
{
	void *iter = NULL;
	struct fy_diag_error *first = fy_diag_errors_iterate(diag, &iter);
	if (!first)
		return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: malformed YAML",
			       b->name, current_document(b), b->last_line + 1, b->last_column + 1);
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: %s", b->name,
		       current_document(b), first->line, first->column, first->msg);
}

static void read_marks(struct builder *b);

static int limit_error(struct builder *b, const char *what, const char *flag, size_t limit)
{
	read_marks(b);
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: %s exceeds %s=%zu",
		       b->name, current_document(b), b->last_line + 1, b->last_column + 1, what,
		       flag, limit);
}

static struct ydoc *doc_new(struct builder *b, size_t start)
{
	struct ydoc *doc = b->spare;
	b->spare = NULL;
	if (doc) {
		arena_reset(&doc->arena);
	} else {
		doc = calloc(1, sizeof(*doc));
		if (!doc)
			return NULL;
	}
	doc->number = ++b->documents;
	doc->start = start;
	doc->end = start;
	doc->root = NULL;
	return doc;
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	arena_free(&doc->arena);
	free(doc);
}

static int own_texts(struct ydoc *doc, struct ynode *node);

static int hand_over(struct builder *b, size_t end)
{
	struct ydoc *doc = b->finished;
	if (!doc)
		return 0;
	b->finished = NULL;
	doc->end = end;
	bool keep = false;
	int rc = b->on_document(b->ctx, doc, &keep, b->err);
	if (keep && rc == 0 && own_texts(doc, doc->root) < 0)
		rc = err_set(b->err, LS_EXIT_IO, "out of memory");
	if (!keep) {
		if (b->spare)
			ydoc_free(b->spare);
		b->spare = doc;
	}
	return rc;
}

static void note_position(struct builder *b, const struct fy_mark *start, const struct fy_mark *end)
{
	if (start) {
		b->last_line = start->line;
		b->last_column = start->column;
	}
	if (end)
		b->last_end = end->input_pos;
}

/* Marks cost two library calls per event, and most events (the values in
 * documents of no interest) never need them: they are read on demand, by
 * whatever builds a node or reports an error. */
static void read_marks(struct builder *b)
{
	if (b->marks_read || !b->event)
		return;
	b->marks_read = true;
	b->mark_start = fy_event_start_mark(b->event);
	b->mark_end = fy_event_end_mark(b->event);
	note_position(b, b->mark_start, b->mark_end);
}

/* Column of the first non-blank line of a | or > scalar (whose start is its
 * indicator), -1 when it has none; *at gets that line's first character. */
static long block_content_column(const struct builder *b, const struct ynode *node, size_t *at)
{
	size_t pos = node->start;
	while (pos < node->end && b->input[pos] != '\n')
		pos++;
	while (pos < node->end) {
		size_t line_start = ++pos;
		while (pos < node->end && b->input[pos] == ' ')
			pos++;
		if (pos < node->end && b->input[pos] != '\n' && b->input[pos] != '\r') {
			*at = pos;
			return (long)(pos - line_start);
		}
		while (pos < node->end && b->input[pos] != '\n')
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
static int check_block_content(struct builder *b, const struct ynode *parent, const struct ynode *node)
{
	if (parent->style != YS_BLOCK || (node->style != YS_LITERAL && node->style != YS_FOLDED))
		return 0;
	size_t at = 0;
	long column = block_content_column(b, node, &at);
	if (column < 0 || column > parent->column)
		return 0;
	int line = 1;
	for (const char *p = b->input; (p = memchr(p, '\n', (size_t)(b->input + at - p))); p++)
		line++;
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%ld: invalid indentation: the lines of a "
		       "| or > scalar must be indented more than the key or list it belongs to", b->name,
		       current_document(b), line, column + 1);
}

static int attach(struct builder *b, struct ynode *node)
{
	if (b->depth == 0) {
		b->doc->root = node;
		return 0;
	}
	struct ynode *parent = b->stack[b->depth - 1].node;
	if (value_not_indented(parent, node))
		return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: invalid indentation: a value on "
			       "the line after its key must be indented more than the key", b->name,
			       current_document(b), node->line + 1, node->column + 1);
	if (check_block_content(b, parent, node) < 0)
		return -1;
	/* libfyaml starts a single pair in a flow list (`[k: v]`) at its colon;
	 * the pair's bytes begin with its key. */
	if (parent->style == YS_FLOW_PAIR && node->start < parent->start) {
		parent->start = node->start;
		parent->line = node->line;
		parent->column = node->column;
	}
	if (parent->last)
		parent->last->next = node;
	else
		parent->first = node;
	parent->last = node;
	parent->count++;
	return 0;
}

static void extend_parent(struct builder *b, const struct ynode *child)
{
	if (b->depth == 0)
		return;
	struct ynode *parent = b->stack[b->depth - 1].node;
	if (parent->style != YS_FLOW && child->end > parent->end)
		parent->end = child->end;
}

static struct ynode *node_new(struct builder *b, enum ynode_kind kind, const struct fy_mark *start,
			      const struct fy_mark *end)
{
	struct ynode *node = arena_alloc(&b->doc->arena, sizeof(*node));
	if (!node) {
		err_set(b->err, LS_EXIT_IO, "out of memory");
		return NULL;
	}
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	if (start) {
		node->start = start->input_pos;
		node->line = start->line;
		node->column = start->column;
	} else {
		node->start = b->last_end;
		node->line = b->last_line;
		node->column = b->last_column;
	}
	node->end = end ? end->input_pos : node->start;
	return node;
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

static void widen_to_indicators(const struct builder *b, struct ynode *node);

/* The text as written, when it needs no unquoting or folding: a one-line
 * plain scalar, or a one-line quoted one without escapes. Asking libfyaml to
 * format every scalar's text costs more than the rest of the tree. Whether
 * a scalar spans lines its marks already tell (libfyaml counts a lone CR as
 * a line break too), so a plain one is never scanned. */
static bool raw_text(const struct builder *b, const struct ynode *node, const char **text, size_t *len)
{
	size_t start = node->start, end = node->end;
	if (node->style == YS_SINGLE || node->style == YS_DOUBLE)
		start++, end--;
	else if (node->style != YS_PLAIN)
		return false;
	if (end < start || end > b->len || !b->mark_end || b->mark_end->line != node->line)
		return false;
	const char *p = b->input + start;
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
	char hex[9] = {0};
	memcpy(hex, p + 1, digits);
	*written = put_utf8(out, strtoul(hex, NULL, 16));
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
static bool misformatted_block_scalar(const struct builder *b, const struct ynode *node)
{
	if (node->style != YS_LITERAL && node->style != YS_FOLDED)
		return false;
	size_t line_start = node->start;
	while (line_start > 0 && (b->input[line_start - 1] == ' ' || b->input[line_start - 1] == '\t'))
		line_start--;
	if (line_start > 0 && b->input[line_start - 1] != '\n')
		return false;
	size_t at = 0, indicator_column = node->start - line_start;
	long column = block_content_column(b, node, &at);
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
static int set_text(struct builder *b, struct ynode *node, struct fy_token *token)
{
	size_t len = 0;
	const char *text = NULL;
	if (raw_text(b, node, &text, &len)) {
		node->text = text;
		node->len = len;
		node->borrowed = true;
		return 0;
	}
	if (node->style == YS_SINGLE || node->style == YS_DOUBLE) {
		const char *inner = b->input + node->start + 1;
		size_t inner_len = node->end - node->start - 2;
		node->text = node->style == YS_SINGLE ? unquote_single(&b->doc->arena, inner, inner_len, &node->len)
						      : unquote_double(&b->doc->arena, inner, inner_len, &node->len);
		return node->text ? 0 : err_set(b->err, LS_EXIT_IO, "out of memory");
	}
	if (misformatted_block_scalar(b, node))
		return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: a | or > scalar whose text starts "
			       "at its indicator's column is not supported: indent the text further", b->name,
			       current_document(b), node->line + 1, node->column + 1);
	bool unreadable = false;
	node->text = text_by_chunks(&b->doc->arena, token, &node->len, &unreadable);
	if (unreadable)
		return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: the YAML parser gives no text for "
			       "this scalar; write it another way", b->name, current_document(b), node->line + 1,
			       node->column + 1);
	return node->text ? 0 : err_set(b->err, LS_EXIT_IO, "out of memory");
}

/* A kept document's scalars get NUL-terminated copies, so the rest of the
 * program can treat every text as a C string. */
static int own_texts(struct ydoc *doc, struct ynode *node)
{
	for (; node; node = node->next) {
		if (node->borrowed) {
			node->text = arena_strndup(&doc->arena, node->text, node->len);
			if (!node->text)
				return -1;
			node->borrowed = false;
		}
		if (node->first && own_texts(doc, node->first) < 0)
			return -1;
	}
	return 0;
}

static void widen_to_indicators(const struct builder *b, struct ynode *node)
{
	if (node->style == YS_SINGLE || node->style == YS_DOUBLE) {
		if (node->start > 0)
			node->start--, node->column--;
		if (node->end < b->len)
			node->end++;
		return;
	}
	if (node->style != YS_LITERAL && node->style != YS_FOLDED)
		return;
	size_t pos = node->start;
	while (pos > 0 && b->input[pos - 1] != '|' && b->input[pos - 1] != '>')
		pos--;
	if (pos > 0)
		node->start = pos - 1;
	while (node->end > node->start + 1 && b->input[node->end - 1] == '\n')
		node->end--;
	if (node->end > node->start + 1 && b->input[node->end - 1] == '\r')
		node->end--;
}

static bool kind_wanted(const struct builder *b, const struct ynode *value)
{
	for (const char *const *k = b->kinds; *k; k++)
		if (yscalar_is(value, *k))
			return true;
	return false;
}

/* Watches the root mapping's keys for `kind` and decides from its value
 * whether the rest of the document needs nodes. */
static void watch_kind(struct builder *b, const struct ynode *node, bool is_key)
{
	if (!b->kinds || b->depth != 1 || !b->stack[0].is_map)
		return;
	if (!is_key && b->after_kind && !kind_wanted(b, node))
		b->skipping = true;
	b->after_kind = is_key && yscalar_is(node, "kind");
}

static uint64_t hash_text(const char *text, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
	return h;
}

static struct keyref *keyset_slot(struct keyset *set, const char *text, size_t len, uint64_t hash)
{
	size_t i = hash & (set->cap - 1);
	while (set->slots[i].text &&
	       !(set->slots[i].hash == hash && set->slots[i].len == len && memcmp(set->slots[i].text, text, len) == 0))
		i = (i + 1) & (set->cap - 1);
	return &set->slots[i];
}

static int keyset_grow(struct builder *b, struct keyset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 16;
	struct keyref *old = set->slots;
	size_t old_cap = set->cap;
	set->slots = arena_alloc(&b->doc->arena, cap * sizeof(*set->slots));
	if (!set->slots)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
	memset(set->slots, 0, cap * sizeof(*set->slots));
	set->cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].text)
			*keyset_slot(set, old[i].text, old[i].len, old[i].hash) = old[i];
	return 0;
}

static int duplicate_error(struct builder *b, const struct ynode *key)
{
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: duplicate key '%.*s'", b->name,
		       current_document(b), key->line + 1, key->column + 1, (int)(key->len > 80 ? 80 : key->len),
		       key->text);
}

static int keyset_add(struct builder *b, struct keyset *set, const char *text, size_t len)
{
	if ((set->count + 1) * 2 > set->cap && keyset_grow(b, set) < 0)
		return -1;
	uint64_t hash = hash_text(text, len);
	struct keyref *slot = keyset_slot(set, text, len, hash);
	if (slot->text)
		return 1;
	*slot = (struct keyref){text, len, hash};
	set->count++;
	return 0;
}

static int push_key(struct builder *b, const struct ynode *key)
{
	struct keystack *keys = &b->keys;
	if (keys->count == keys->cap) {
		size_t cap = keys->cap ? keys->cap * 2 : 64;
		struct keyref *grown = realloc(keys->refs, cap * sizeof(*grown));
		if (!grown)
			return err_set(b->err, LS_EXIT_IO, "out of memory");
		keys->refs = grown;
		keys->cap = cap;
	}
	keys->refs[keys->count++] = (struct keyref){key->text, key->len, 0};
	return 0;
}

static int check_duplicate(struct builder *b, struct frame *map, const struct ynode *key)
{
	/* No pointer arithmetic before the first key has given the stack memory. */
	const struct keyref *seen = b->keys.refs ? b->keys.refs + map->keys_base : NULL;
	size_t count = b->keys.count - map->keys_base;
	if (map->many.cap == 0 && count < FEW_KEYS) {
		for (size_t i = 0; i < count; i++)
			if (seen[i].len == key->len && memcmp(seen[i].text, key->text, key->len) == 0)
				return duplicate_error(b, key);
		return push_key(b, key);
	}
	bool migrate = map->many.cap == 0;
	for (size_t i = 0; migrate && i < count; i++)
		if (keyset_add(b, &map->many, seen[i].text, seen[i].len) < 0)
			return -1;
	int rc = keyset_add(b, &map->many, key->text, key->len);
	return rc > 0 ? duplicate_error(b, key) : rc;
}

static const char *token_text(struct builder *b, struct fy_token *token, size_t *len)
{
	const char *text = fy_token_get_text(token, len);
	return text ? arena_strndup(&b->doc->arena, text, *len) : NULL;
}

/* Anchors are few; each is remembered so that an alias to a missing one is
 * refused, as the YAML loader would (the event parser lets it through). */
static int define_anchor(struct builder *b, struct fy_token *anchor)
{
	if (!anchor)
		return 0;
	size_t len = 0;
	const char *name = token_text(b, anchor, &len);
	if (!name)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
	return keyset_add(b, &b->anchors, name, len) < 0 ? -1 : 0;
}

static int check_alias(struct builder *b, struct fy_event *event)
{
	size_t len = 0;
	const char *name = fy_token_get_text(event->alias.anchor, &len);
	if (!name)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
	if (b->anchors.cap && keyset_slot(&b->anchors, name, len, hash_text(name, len))->text)
		return 0;
	read_marks(b);
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: alias *%.*s before any anchor &%.*s",
		       b->name, current_document(b), b->last_line + 1, b->last_column + 1,
		       (int)(len > 80 ? 80 : len), name, (int)(len > 80 ? 80 : len), name);
}

/* Counts an entry into the open collection; true when it is a mapping key. */
static bool enter(struct builder *b)
{
	if (b->depth == 0)
		return false;
	struct frame *top = &b->stack[b->depth - 1];
	return top->is_map && top->entries++ % 2 == 0;
}

static int fill_scalar(struct builder *b, struct ynode *node, struct fy_event *event)
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
	widen_to_indicators(b, node);
	if (set_text(b, node, token) < 0)
		return -1;
	if (node->style == YS_PLAIN && !event->scalar.tag && plain_null(node->text, node->len))
		node->kind = YN_NULL;
	return 0;
}

static int on_scalar(struct builder *b, struct fy_event *event)
{
	bool is_key = enter(b);
	if (define_anchor(b, event->scalar.anchor) < 0)
		return -1;
	if (b->skipping && !is_key)
		return 0;
	read_marks(b);
	struct ynode skipped;
	struct ynode *node = &skipped;
	if (b->skipping) {
		const struct fy_mark *start = b->mark_start, *end = b->mark_end;
		skipped = (struct ynode){.kind = YN_SCALAR, .start = start ? start->input_pos : b->last_end,
					 .end = end ? end->input_pos : b->last_end,
					 .line = b->last_line, .column = b->last_column};
	} else {
		node = node_new(b, YN_SCALAR, b->mark_start, b->mark_end);
	}
	if (!node || fill_scalar(b, node, event) < 0)
		return -1;
	/* Empty keys are left out: the YAML test suite holds `: a` twice as valid. */
	if (is_key && node->style != YS_EMPTY && check_duplicate(b, &b->stack[b->depth - 1], node) < 0)
		return -1;
	if (b->skipping)
		return 0;
	if (attach(b, node) < 0)
		return -1;
	extend_parent(b, node);
	watch_kind(b, node, is_key);
	return 0;
}

/* Profiles and config files take no alias at all: "exceeds --max-aliases=0"
 * would name a flag that has nothing to do with them. */
static int refuse_alias(struct builder *b, struct fy_event *event)
{
	size_t len = 0;
	const char *name = fy_token_get_text(event->alias.anchor, &len);
	if (!name)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
	read_marks(b);
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: found the alias *%.*s, and this file "
		       "takes none: write the value itself", b->name, current_document(b), b->last_line + 1,
		       b->last_column + 1, (int)(len > 80 ? 80 : len), name);
}

static int on_alias(struct builder *b, struct fy_event *event)
{
	if (b->limits->max_aliases == 0)
		return refuse_alias(b, event);
	if (++b->aliases > b->limits->max_aliases)
		return limit_error(b, "alias count", "--max-aliases", b->limits->max_aliases);
	if (check_alias(b, event) < 0)
		return -1;
	enter(b);
	if (b->skipping)
		return 0;
	read_marks(b);
	struct ynode *node = node_new(b, YN_ALIAS, b->mark_start, b->mark_end);
	if (!node || set_text(b, node, event->alias.anchor) < 0 || attach(b, node) < 0)
		return -1;
	extend_parent(b, node);
	return 0;
}

static int on_collection_start(struct builder *b, struct fy_event *event, enum ynode_kind kind)
{
	if (b->depth >= b->limits->max_depth)
		return limit_error(b, "nesting depth", "--max-depth", b->limits->max_depth);
	struct fy_token *anchor = kind == YN_MAP ? event->mapping_start.anchor : event->sequence_start.anchor;
	if (define_anchor(b, anchor) < 0)
		return -1;
	enter(b);
	if (b->skipping) {
		b->stack[b->depth++] = (struct frame){.is_map = kind == YN_MAP, .keys_base = b->keys.count};
		return 0;
	}
	read_marks(b);
	struct fy_token *opener = kind == YN_MAP ? event->mapping_start.mapping_start
						 : event->sequence_start.sequence_start;
	struct ynode *node = node_new(b, kind, b->mark_start, b->mark_end);
	if (!node)
		return -1;
	enum fy_token_type flow_opener = kind == YN_MAP ? FYTT_FLOW_MAPPING_START : FYTT_FLOW_SEQUENCE_START;
	/* A single pair in a flow list (`[k: v]`) comes as a flow mapping that
	 * starts at its colon, or as a block one inside the list: either way it
	 * has no braces to edit between. */
	bool flow = opener && fy_token_get_type(opener) == flow_opener;
	bool braced = node->start < b->len && b->input[node->start] == (kind == YN_MAP ? '{' : '[');
	bool in_flow = b->depth > 0 && b->stack[b->depth - 1].node->style == YS_FLOW;
	node->style = flow && braced ? YS_FLOW : flow || in_flow ? YS_FLOW_PAIR : YS_BLOCK;
	node->has_anchor_or_tag = kind == YN_MAP
		? (event->mapping_start.anchor || event->mapping_start.tag)
		: (event->sequence_start.anchor || event->sequence_start.tag);
	if (attach(b, node) < 0)
		return -1;
	b->stack[b->depth++] = (struct frame){.node = node, .is_map = kind == YN_MAP, .keys_base = b->keys.count};
	return 0;
}

static int on_collection_end(struct builder *b)
{
	struct frame *closed = &b->stack[--b->depth];
	b->keys.count = closed->keys_base;
	struct ynode *node = closed->node;
	if (!node)
		return 0;
	read_marks(b);
	const struct fy_mark *end = b->mark_end;
	if (node->style == YS_FLOW && end)
		node->end = end->input_pos;
	extend_parent(b, node);
	return 0;
}

static int on_document_start(struct builder *b)
{
	read_marks(b);
	const struct fy_mark *start = b->mark_start;
	size_t boundary = b->documents == 0 ? 0 : (start ? start->input_pos : b->last_end);
	if (hand_over(b, boundary) < 0)
		return -1;
	if (b->documents >= b->limits->max_documents)
		return limit_error(b, "document count", "--max-documents", b->limits->max_documents);
	b->aliases = 0;
	b->skipping = b->after_kind = false;
	b->anchors = (struct keyset){0};
	b->keys.count = 0;
	b->doc = doc_new(b, boundary);
	return b->doc ? 0 : err_set(b->err, LS_EXIT_IO, "out of memory");
}

static int on_event(struct builder *b, struct fy_event *event)
{
	b->event = event;
	b->marks_read = false;
	switch (event->type) {
	case FYET_DOCUMENT_START: return on_document_start(b);
	case FYET_DOCUMENT_END:
		read_marks(b);
		b->finished = b->doc;
		b->doc = NULL;
		return 0;
	case FYET_STREAM_END: return hand_over(b, b->len);
	case FYET_SCALAR: return on_scalar(b, event);
	case FYET_ALIAS: return on_alias(b, event);
	case FYET_MAPPING_START: return on_collection_start(b, event, YN_MAP);
	case FYET_SEQUENCE_START: return on_collection_start(b, event, YN_SEQ);
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END: return on_collection_end(b);
	default: return 0;
	}
}

static int run_parser(struct builder *b, struct fy_parser *parser, struct fy_diag *diag)
{
	struct fy_event *event;
	while ((event = fy_parser_parse(parser)) != NULL) {
		int rc = on_event(b, event);
		b->event = NULL;
		fy_parser_event_free(parser, event);
		if (rc < 0)
			return -1;
	}
	if (fy_parser_get_stream_error(parser))
		return parse_error(b, diag);
	return 0;
}

int yparse_stream(const char *name, const char *input, size_t len, const struct ylimits *limits,
		  const char *const *kinds, ydoc_fn on_document, void *ctx, struct ls_error *err)
{
	/* Every YAML text goes through here, profiles and config files too, and
	 * libfyaml 0.7.12 never returns from a directive followed by a byte that
	 * is not UTF-8 (`%\xb4`): the text is checked before the parser sees it. */
	if (text_check(name, input, len, err) < 0)
		return -1;
	struct builder b = {
		.name = name, .input = input, .len = len, .limits = limits, .kinds = kinds,
		.on_document = on_document, .ctx = ctx, .err = err,
	};
	b.stack = calloc(limits->max_depth + 1, sizeof(*b.stack));
	struct fy_diag *diag = diag_create();
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET, .diag = diag};
	struct fy_parser *parser = diag && b.stack ? fy_parser_create(&cfg) : NULL;
	int rc;
	if (!parser)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	else if (fy_parser_set_string(parser, input, len) != 0)
		rc = err_set(err, LS_EXIT_IO, "%s: cannot start the YAML parser", name);
	else
		rc = run_parser(&b, parser, diag);
	if (parser)
		fy_parser_destroy(parser);
	if (diag)
		fy_diag_destroy(diag);
	ydoc_free(b.doc);
	ydoc_free(b.finished);
	ydoc_free(b.spare);
	free(b.stack);
	free(b.keys.refs);
	return rc;
}

const char *ynode_kind_words(const struct ynode *node)
{
	switch (node->kind) {
	case YN_MAP:
		return "a mapping";
	case YN_SEQ:
		return "a list";
	case YN_SCALAR:
		return "text";
	case YN_NULL:
		return "null";
	default:
		return "an alias";
	}
}

bool yscalar_is(const struct ynode *node, const char *text)
{
	if (!node || node->kind != YN_SCALAR)
		return false;
	size_t n = strlen(text);
	return node->len == n && memcmp(node->text, text, n) == 0;
}

struct ynode *ymap_key(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (struct ynode *k = map->first; k && k->next; k = k->next->next)
		if (yscalar_is(k, key))
			return k;
	return NULL;
}

struct ynode *ymap_get(const struct ynode *map, const char *key)
{
	struct ynode *k = ymap_key(map, key);
	return k ? k->next : NULL;
}

struct document_reader {
	const char *origin;
	const char *what;
	struct ydoc *doc;
};

static int keep_only_document(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	struct document_reader *r = ctx;
	if (r->doc)
		return err_set(err, LS_EXIT_USAGE, "%s: a %s is one YAML document", r->origin, r->what);
	r->doc = doc;
	*keep = true;
	return 0;
}

int yparse_document(const char *origin, const char *text, size_t len, const struct ylimits *limits,
		    const char *what, struct ydoc **doc, struct ls_error *err)
{
	struct document_reader r = {.origin = origin, .what = what};
	int rc = yparse_stream(origin, text, len, limits, NULL, keep_only_document, &r, err);
	*doc = r.doc;
	if (rc < 0 && err->code == LS_EXIT_INPUT)
		err->code = LS_EXIT_USAGE;
	return rc < 0 ? -1 : 0;
}
