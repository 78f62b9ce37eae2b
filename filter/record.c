/* See record.h. The document is written by hand, in a fixed order and
 * style, so that the same run always gives the same bytes; a text that a
 * literal block cannot hold as it is goes double-quoted. */
#include "record.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "yamlquery.h"
#include "yamlquote.h"

static const char RECORD_NAME[] = "liqo-scenario";

/* Options that do not decide what the output holds. */
static const char *const not_deciding[] = {
	"output", "report", "explain-file", "explain", "check", "record", "config", "profile-dir",
	"list-profiles", "completion", "help", "version", NULL,
};

static bool deciding(const struct option_spec *spec)
{
	if (spec->kind == OPT_SIZE || spec->kind == OPT_COUNT)
		return false;
	for (const char *const *name = not_deciding; *name; name++)
		if (strcmp(*name, spec->name) == 0)
			return false;
	return true;
}

/* As a POSIX shell reads it back. */
static int shell_word(struct buf *out, const char *word)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,@%+-";
	if (*word && strspn(word, safe) == strlen(word))
		return buf_puts(out, word);
	int rc = buf_puts(out, "'");
	for (const char *c = word; *c; c++)
		rc |= *c == '\'' ? buf_puts(out, "'\\''") : buf_append(out, c, 1);
	return rc | buf_puts(out, "'");
}

static int flag(struct buf *out, const char *name, const char *value)
{
	int rc = buf_printf(out, "%s--%s", out->len ? " " : "", name);
	if (value)
		rc |= buf_puts(out, " ") | shell_word(out, value);
	return rc;
}

int record_flags(const struct settings *s, struct buf *out)
{
	int rc = 0;
	for (size_t i = 0; i < option_spec_count; i++) {
		const struct option_spec *spec = &option_specs[i];
		const char *field = (const char *)s + spec->offset;
		if (!deciding(spec))
			continue;
		char number[24];
		switch (spec->kind) {
		case OPT_TEXT:
			if (*(const char *const *)field)
				rc |= flag(out, spec->name, *(const char *const *)field);
			break;
		case OPT_PORT:
		case OPT_NODE_PORT:
			if (*(const long *)field) {
				snprintf(number, sizeof(number), "%ld", *(const long *)field);
				rc |= flag(out, spec->name, number);
			}
			break;
		case OPT_SWITCH:
			if (*(const bool *)field)
				rc |= flag(out, spec->name, NULL);
			break;
		case OPT_LIST: {
			const struct text_list *list = (const struct text_list *)field;
			for (size_t j = 0; j < list->count; j++)
				rc |= flag(out, spec->name, list->items[j]);
			break;
		}
		default:
			break;
		}
	}
	return rc < 0 ? -1 : 0;
}

/* A literal block keeps a text as it is when it ends with one line break,
 * holds only printable characters, and its first line does not start with
 * a space (that would be read as the block's indentation). */
static bool literal_safe(const char *text)
{
	size_t len = strlen(text);
	if (len < 2 || text[len - 1] != '\n' || text[len - 2] == '\n' || text[0] == ' ')
		return false;
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		if ((*c < 0x20 && *c != '\n') || *c == 0x7f)
			return false;
	return true;
}

static int literal(struct buf *out, const char *key, const char *text, const char *eol)
{
	int rc = buf_printf(out, "  %s: |%s", key, eol);
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = (size_t)(nl - line);
		rc |= n ? buf_printf(out, "    %.*s%s", (int)n, line, eol) : buf_puts(out, eol);
		line = nl + 1;
	}
	return rc;
}

static int scalar(struct buf *out, const char *indent, const char *key, const char *text, const char *eol)
{
	struct buf quoted = {0};
	const char *shown = yaml_plain_safe(text) ? text : yaml_double_quoted(&quoted, text);
	int rc = shown ? buf_printf(out, "%s%s: %s%s", indent, key, shown, eol) : -1;
	buf_free(&quoted);
	return rc;
}

static int data_text(struct buf *out, const char *key, const char *text, const char *eol)
{
	return literal_safe(text) ? literal(out, key, text, eol) : scalar(out, "  ", key, text, eol);
}

/* The data keys, in the order they are written. */
enum { RECORD_KEYS = 6 };
static const char *const record_keys[RECORD_KEYS] = {
	"profile", "cluster", "liqo-version", "flags", "explanation", "report",
};

struct record_values {
	const char *text[RECORD_KEYS];
	struct buf flags;
	char cluster[2];
};

static int values_make(const struct edit_context *ec, const struct settings *s, const struct record_texts *texts,
		       struct record_values *v)
{
	memset(v, 0, sizeof(*v));
	v->cluster[0] = (char)('a' + ec->plan->column);
	if (record_flags(s, &v->flags) < 0)
		return -1;
	const char *values[RECORD_KEYS] = {
		ec->plan->profile->name, v->cluster, texts->liqo_version, v->flags.data ? v->flags.data : "",
		texts->explanation->data ? texts->explanation->data : "", texts->report->data ? texts->report->data : "",
	};
	memcpy(v->text, values, sizeof(values));
	return 0;
}

static int metadata(struct edit_context *ec, struct buf *doc, const char *file, const char *eol)
{
	const struct found_doc *anchor = &ec->inv->slots[ec->gen->anchor];
	const struct ynode *ns = ymap_get(ymap_get(anchor->root, "metadata"), "namespace");
	int rc = buf_printf(doc, "metadata:%s  name: %s%s", eol, RECORD_NAME, eol);
	if (ns && ns->kind == YN_SCALAR && ns->len)
		rc |= scalar(doc, "  ", "namespace", ns->text, eol);
	rc |= buf_printf(doc, "  labels:%s    app.kubernetes.io/name: %s%s    app.kubernetes.io/part-of: liqo%s", eol,
			 RECORD_NAME, eol, eol);
	if (ec->inv->helm4 && *file)
		rc |= buf_printf(doc, "  annotations:%s", eol) | scalar(doc, "    ", HELM4_FILENAME_KEY, file, eol);
	return rc;
}

/* The whole document, from its `---` line. */
static int document(struct edit_context *ec, const struct record_values *v, struct buf *doc)
{
	const char *eol = ec->edit.eol;
	struct buf file = {0};
	int rc = edit_file_beside_anchor(ec, "liqo-scenario-record.yaml", &file);
	if (rc < 0)
		return -1;
	const char *name = file.data ? file.data : "";
	rc = buf_printf(doc, "---%s", eol);
	if (!ec->inv->helm4 && *name)
		rc |= buf_printf(doc, "# Source: %s%s", name, eol);
	rc |= buf_printf(doc, "apiVersion: v1%skind: ConfigMap%s", eol, eol);
	rc |= metadata(ec, doc, name, eol);
	rc |= buf_printf(doc, "data:%s", eol);
	for (size_t i = 0; i < RECORD_KEYS; i++)
		rc |= data_text(doc, record_keys[i], v->text[i], eol);
	buf_free(&file);
	return rc < 0 ? edit_out_of_memory(ec) : 0;
}

static int add(struct edit_context *ec, const struct buf *doc)
{
	size_t at = ec->edit.len;
	bool needs_eol = at > 0 && ec->edit.input[at - 1] != '\n' && !ec->edit.final_newline_added;
	ec->edit.final_newline_added |= needs_eol;
	int rc = needs_eol ? splices_add(ec->edit.splices, at, 0, ec->edit.eol, strlen(ec->edit.eol)) : 0;
	rc |= splices_add(ec->edit.splices, at, 0, doc->data, doc->len);
	rc |= buf_printf(&ec->changes, "new document: ConfigMap %s (--record)\n", RECORD_NAME);
	rc |= edit_record(ec, 0, "ConfigMap", RECORD_NAME, "the whole ConfigMap", NULL, "present");
	return rc < 0 ? edit_out_of_memory(ec) : 0;
}

/* An earlier run's ConfigMap: each data key that differs is a change, and
 * the document is written anew if a byte differs. */
static int replace(struct edit_context *ec, const struct found_doc *f, const struct record_values *v,
		   const struct buf *doc)
{
	size_t len = f->doc->end - f->doc->start;
	if (len == doc->len && memcmp(ec->edit.input + f->doc->start, doc->data, len) == 0)
		return 0;
	const struct ynode *data = ymap_get(f->root, "data");
	size_t differing = 0;
	for (size_t i = 0; i < RECORD_KEYS; i++) {
		const struct ynode *found = ymap_get(data, record_keys[i]);
		if (found && found->kind == YN_SCALAR && strcmp(found->text, v->text[i]) == 0)
			continue;
		char field[32];
		snprintf(field, sizeof(field), "data.%s", record_keys[i]);
		/* A text of many lines is named, not quoted: --check lists one line a change. */
		bool long_text = strchr(v->text[i], '\n') != NULL;
		const char *was = long_text && found ? "an earlier run's text" : edit_scalar_text(found);
		if (edit_changed(ec, f, field, was, long_text ? "this run's text" : v->text[i], NULL) < 0)
			return -1;
		differing++;
	}
	if (!differing && edit_changed(ec, f, "the document's text", "another layout", "this run's", NULL) < 0)
		return -1;
	return splices_add(ec->edit.splices, f->doc->start, len, doc->data, doc->len) < 0 ? edit_out_of_memory(ec) : 0;
}

static int remove_record(struct edit_context *ec, const struct found_doc *f)
{
	if (edit_removed_object(ec, f, "(a run with --record added it; this run has no --record)") < 0)
		return -1;
	return splices_add(ec->edit.splices, f->doc->start, f->doc->end - f->doc->start, "", 0) < 0
		? edit_out_of_memory(ec) : 0;
}

int record_apply(struct edit_context *ec, const struct settings *s, const struct record_texts *texts)
{
	const struct found_doc *f = &ec->inv->slots[SLOT_RECORD];
	ec->serving = COMP_COUNT;  /* no component's cell: the scenario's own record */
	if (f->doc)
		ec->edit.document = f->doc->number;
	if (!s->record)
		return f->doc ? remove_record(ec, f) : 0;
	struct record_values v;
	struct buf doc = {0};
	int rc = values_make(ec, s, texts, &v) < 0 ? edit_out_of_memory(ec) : document(ec, &v, &doc);
	if (rc == 0)
		rc = f->doc ? replace(ec, f, &v, &doc) : add(ec, &doc);
	buf_free(&doc);
	buf_free(&v.flags);
	return rc;
}
