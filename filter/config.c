/* See config.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "fileio.h"
#include "yamlquery.h"

/* A flag's value is C text: a NUL written as an escape ("\0", "\u0000")
 * would cut it silently where the program reads it. */
static int no_nul(const char *path, const struct ynode *node, const char *what, struct ls_error *err)
{
	if (node->kind != YN_SCALAR || !memchr(node->text, '\0', node->len))
		return 0;
	struct buf quoted = {0};
	if (escape_append(&quoted, node->text, node->len) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	err_set(err, LS_EXIT_USAGE, "%s: line %d:%d: the %s '%s' holds a NUL character, which no option takes", path,
		node->line + 1, node->column + 1, what, quoted.data);
	buf_free(&quoted);
	return -1;
}

static int apply_pair_at(const char *path, const struct ynode *key, const struct ynode *value,
			 const char *origin, struct settings *s, struct ls_error *err)
{
	const struct option_spec *spec = key->kind == YN_SCALAR ? option_find(key->text, key->len) : NULL;
	if (!spec || strcmp(spec->name, "config") == 0) {
		const char *near = key->kind == YN_SCALAR && !spec ? option_nearest(key->text, key->len) : NULL;
		if (near && strcmp(near, "config") != 0)
			return err_set(err, LS_EXIT_USAGE, "%s unknown key '%s'; did you mean '%s'?", origin, key->text, near);
		return err_set(err, LS_EXIT_USAGE, "%s unknown key '%s'", origin,
			       key->kind == YN_SCALAR ? key->text : "?");
	}
	if (spec->kind == OPT_LIST && value->kind == YN_SEQ && !value->has_anchor_or_tag) {
		/* A repeatable flag takes a list of values too. */
		for (const struct ynode *item = value->first; item; item = item->next) {
			if (item->kind != YN_SCALAR || item->has_anchor_or_tag)
				return err_set(err, LS_EXIT_USAGE, "%s '%s' takes a list of texts", origin, spec->name);
			if (no_nul(path, item, "list item", err) < 0)
				return -1;
			if (option_set(s, spec->name, item->text, origin, err) < 0)
				return -1;
		}
		return 0;
	}
	if (value->kind == YN_NULL && !value->has_anchor_or_tag)
		return err_set(err, LS_EXIT_USAGE, "%s '%s' is null: give it a value or leave the key out", origin,
			       spec->name);
	if (value->kind != YN_SCALAR && value->kind != YN_NULL)
		return err_set(err, LS_EXIT_USAGE, "%s '%s' takes a single value, not %s", origin, spec->name,
			       ynode_kind_words(value));
	if (value->has_anchor_or_tag)
		return err_set(err, LS_EXIT_USAGE, "%s '%s' has an anchor or a tag: write its value alone", origin,
			       spec->name);
	if (spec->kind == OPT_SWITCH) {
		if (yscalar_is(value, "false"))
			return 0;
		if (!yscalar_is(value, "true"))
			return err_set(err, LS_EXIT_USAGE, "%s '%s' is true or false", origin, spec->name);
		return option_set(s, spec->name, NULL, origin, err);
	}
	return option_set(s, spec->name, value->text, origin, err);
}

static int apply_pair(const char *path, const struct ynode *key, const struct ynode *value,
		      struct settings *s, struct ls_error *err)
{
	struct buf origin = {0};
	int rc = buf_printf(&origin, "%s: line %d:%d:", path, key->line + 1, key->column + 1) < 0
		 ? err_set(err, LS_EXIT_IO, "out of memory") : 0;
	if (rc == 0 && (no_nul(path, key, "key", err) < 0 || no_nul(path, value, "value", err) < 0))
		rc = -1;
	if (rc == 0)
		rc = apply_pair_at(path, key, value, origin.data, s, err);
	buf_free(&origin);
	return rc;
}

int config_load(const char *path, struct settings *s, struct config_file *cfg, struct ls_error *err)
{
	if (read_path(path, 1 << 20, &cfg->text, err) < 0) {
		err->code = LS_EXIT_USAGE;
		return -1;
	}
	return config_parse(path, s, cfg, err);
}

int config_parse(const char *path, struct settings *s, struct config_file *cfg, struct ls_error *err)
{
	return config_parse_taking(path, s, cfg, NULL, NULL, err);
}

int config_parse_taking(const char *path, struct settings *s, struct config_file *cfg, const char *own_key,
			const struct ynode **own_value, struct ls_error *err)
{
	struct ylimits limits = {.max_documents = 2, .max_depth = 8, .max_aliases = 0};
	if (yparse_document(path, cfg->text.data ? cfg->text.data : "", cfg->text.len, &limits, "config file",
			    &cfg->doc, err) < 0)
		return -1;
	const struct ynode *root = cfg->doc ? cfg->doc->root : NULL;
	if (!root || root->kind != YN_MAP)
		return err_set(err, LS_EXIT_USAGE, "%s: a config file is a mapping of option names to values", path);
	for (const struct ynode *k = root->first; k; k = k->next->next) {
		if (own_key && yscalar_is(k, own_key)) {
			if (k->next->kind != YN_SCALAR || k->next->has_anchor_or_tag)
				return err_set(err, LS_EXIT_USAGE, "%s: line %d:%d: '%s' takes a single text", path,
					       k->line + 1, k->column + 1, own_key);
			*own_value = k->next;
			continue;
		}
		if (apply_pair(path, k, k->next, s, err) < 0)
			return -1;
	}
	return 0;
}

void config_free(struct config_file *cfg)
{
	buf_free(&cfg->text);
	ydoc_free(cfg->doc);
	cfg->doc = NULL;
}
