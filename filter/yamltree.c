/* Builds per-document node trees from libfyaml's parser events.
 *
 * Why events rather than libfyaml documents: events carry the byte marks the
 * splicing editor needs, they never expand aliases, and a document that is of
 * no interest costs one arena reset instead of a tree of library objects. */
#include "yamltree.h"

#include <errno.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "yamlkeys.h"
#include "yamlquery.h"
#include "yamlscalar.h"

struct frame {
	struct ynode *node; /* NULL while the document is skipped */
	bool is_map;
	size_t entries;
	struct mapkeys keys;
};

struct builder {
	struct yinput in; /* name, text and length of the input, and the document being read */
	const struct ylimits *limits;
	ydoc_fn on_document;
	void *ctx;
	struct ls_error *err;

	struct ydoc *doc;      /* being built */
	struct ydoc *finished; /* complete, waiting for the next document's start */
	struct ydoc *spare;    /* a dropped document kept for its arena */
	const char *const *kinds;
	struct keyset anchors; /* of the current document: an alias must follow its anchor */
	struct keystack keys; /* of all open mappings */
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
			       b->in.name, current_document(b), b->last_line + 1, b->last_column + 1);
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: %s", b->in.name,
		       current_document(b), first->line, first->column, first->msg);
}

static void read_marks(struct builder *b);

static int limit_error(struct builder *b, const char *what, const char *flag, size_t limit)
{
	read_marks(b);
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: %s exceeds %s=%zu",
		       b->in.name, current_document(b), b->last_line + 1, b->last_column + 1, what,
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
	b->in.document = doc->number;
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

/* Whether the event being handled ends on the line where node starts: a
 * scalar that does needs no folding. */
static bool single_line(const struct builder *b, const struct ynode *node)
{
	return b->mark_end && b->mark_end->line == node->line;
}

static int attach(struct builder *b, struct ynode *node)
{
	if (b->depth == 0) {
		b->doc->root = node;
		return 0;
	}
	struct ynode *parent = b->stack[b->depth - 1].node;
	if (yscalar_check_indentation(&b->in, parent, node, b->err) < 0)
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

static int duplicate_error(struct builder *b, const struct ynode *key)
{
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: duplicate key '%.*s'", b->in.name,
		       current_document(b), key->line + 1, key->column + 1, (int)(key->len > 80 ? 80 : key->len),
		       key->text);
}

static int check_duplicate(struct builder *b, struct frame *map, const struct ynode *key)
{
	int rc = mapkeys_add(&map->keys, &b->keys, &b->doc->arena, key->text, key->len);
	if (rc < 0)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
	return rc > 0 ? duplicate_error(b, key) : 0;
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
	if (keyset_add(&b->anchors, &b->doc->arena, name, len) < 0)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
	return 0;
}

static int check_alias(struct builder *b, struct fy_event *event)
{
	size_t len = 0;
	const char *name = fy_token_get_text(event->alias.anchor, &len);
	if (!name)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
	if (keyset_has(&b->anchors, name, len))
		return 0;
	read_marks(b);
	return err_set(b->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: alias *%.*s before any anchor &%.*s",
		       b->in.name, current_document(b), b->last_line + 1, b->last_column + 1,
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
	if (!node || yscalar_decode(&b->in, node, event, single_line(b, node), &b->doc->arena, b->err) < 0)
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
		       "takes none: write the value itself", b->in.name, current_document(b), b->last_line + 1,
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
	if (!node ||
	    yscalar_set_text(&b->in, node, event->alias.anchor, single_line(b, node), &b->doc->arena, b->err) < 0 ||
	    attach(b, node) < 0)
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
		b->stack[b->depth++] = (struct frame){.is_map = kind == YN_MAP, .keys = {.base = b->keys.count}};
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
	bool braced = node->start < b->in.len && b->in.text[node->start] == (kind == YN_MAP ? '{' : '[');
	bool in_flow = b->depth > 0 && b->stack[b->depth - 1].node->style == YS_FLOW;
	node->style = flow && braced ? YS_FLOW : flow || in_flow ? YS_FLOW_PAIR : YS_BLOCK;
	node->has_anchor_or_tag = kind == YN_MAP
		? (event->mapping_start.anchor || event->mapping_start.tag)
		: (event->sequence_start.anchor || event->sequence_start.tag);
	if (attach(b, node) < 0)
		return -1;
	b->stack[b->depth++] = (struct frame){.node = node, .is_map = kind == YN_MAP, .keys = {.base = b->keys.count}};
	return 0;
}

static int on_collection_end(struct builder *b)
{
	struct frame *closed = &b->stack[--b->depth];
	mapkeys_close(&closed->keys, &b->keys);
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
	case FYET_STREAM_END: return hand_over(b, b->in.len);
	case FYET_SCALAR: return on_scalar(b, event);
	case FYET_ALIAS: return on_alias(b, event);
	case FYET_MAPPING_START: return on_collection_start(b, event, YN_MAP);
	case FYET_SEQUENCE_START: return on_collection_start(b, event, YN_SEQ);
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END: return on_collection_end(b);
	default: return 0;
	}
}

/* libfyaml 0.7.12 reports an allocation that failed while parsing as a
 * stream error, mostly without a diagnostic, as if the YAML were malformed.
 * The allocator's ENOMEM tells the two apart: errno is cleared before each
 * event, so an ENOMEM after a failed one comes from that event's parsing. */
static int run_parser(struct builder *b, struct fy_parser *parser, struct fy_diag *diag)
{
	struct fy_event *event;
	for (errno = 0; (event = fy_parser_parse(parser)) != NULL; errno = 0) {
		int rc = on_event(b, event);
		b->event = NULL;
		fy_parser_event_free(parser, event);
		if (rc < 0)
			return -1;
	}
	if (errno == ENOMEM)
		return err_set(b->err, LS_EXIT_IO, "out of memory");
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
		.in = {.name = name, .text = input, .len = len}, .limits = limits, .kinds = kinds,
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
	keystack_free(&b.keys);
	return rc;
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
