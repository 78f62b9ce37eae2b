/* Every input of the YAML test suite built into trees, as the filter builds
 * the documents it edits (the binary itself only builds Service, Deployment
 * and Ingress documents, which the suite has none of). A valid input must
 * build without error, an invalid one must be refused: the checks the tree
 * builder adds to libfyaml's (duplicate keys, aliases before anchors,
 * indentation) must not refuse valid YAML. The texts of double-quoted
 * scalars, which the tree unquotes itself, must equal libfyaml's (right for
 * LF input, which the suite is). Usage: yaml_suite_trees SUITE_DIR */
#include <dirent.h>
#include <libfyaml.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "yamltree.h"

struct tally {
	int valid_built, invalid_refused, failures, quoted_compared;
};

/* Double-quoted texts in document order, each as its length then its bytes. */
static void collect_double_quoted(const struct ynode *node, struct buf *texts)
{
	for (; node; node = node->next) {
		if (node->kind == YN_SCALAR && node->style == YS_DOUBLE) {
			buf_append(texts, (const char *)&node->len, sizeof(node->len));
			buf_append(texts, node->text, node->len);
		}
		collect_double_quoted(node->first, texts);
	}
}

static int drop_document(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	(void)err;
	collect_double_quoted(doc->root, ctx);
	*keep = false;
	return 0;
}

/* 0 when libfyaml's double-quoted texts are the collected ones, in order. */
static int compare_double_quoted(const struct buf *input, const struct buf *texts, int *compared)
{
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET};
	struct fy_parser *parser = fy_parser_create(&cfg);
	if (!parser || fy_parser_set_string(parser, input->data ? input->data : "", input->len) != 0)
		return -1;
	size_t at = 0;
	int differences = 0;
	for (struct fy_event *event; (event = fy_parser_parse(parser)); fy_parser_event_free(parser, event)) {
		struct fy_token *value = event->type == FYET_SCALAR ? event->scalar.value : NULL;
		if (!value || fy_token_scalar_style(value) != FYSS_DOUBLE_QUOTED)
			continue;
		size_t len = 0, ours = 0;
		const char *text = fy_token_get_text(value, &len);
		if (at + sizeof(ours) <= texts->len)
			memcpy(&ours, texts->data + at, sizeof(ours));
		bool same = text && at + sizeof(ours) + ours <= texts->len && ours == len &&
			    memcmp(texts->data + at + sizeof(ours), text, len) == 0;
		differences += !same;
		at += sizeof(ours) + ours;
		(*compared)++;
	}
	fy_parser_destroy(parser);
	return differences == 0 && at == texts->len ? 0 : -1;
}

static void check_input(const char *dir, struct tally *tally)
{
	char path[4096], marker[4096];
	snprintf(path, sizeof(path), "%s/in.yaml", dir);
	snprintf(marker, sizeof(marker), "%s/error", dir);
	bool invalid = access(marker, F_OK) == 0;
	struct buf text = {0}, quoted = {0};
	struct ls_error err = {0};
	struct ylimits limits = {.max_documents = 1000, .max_depth = 256, .max_aliases = 10000};
	int rc = read_path(path, 1 << 20, &text, &err);
	if (rc == 0)
		rc = yparse_stream(path, text.data ? text.data : "", text.len, &limits, NULL, drop_document, &quoted, &err);
	if (invalid && rc < 0) {
		tally->invalid_refused++;
	} else if (!invalid && rc == 0 && compare_double_quoted(&text, &quoted, &tally->quoted_compared) < 0) {
		tally->failures++;
		printf("FAIL %s: a double-quoted text differs from libfyaml's\n", path);
	} else if (!invalid && rc == 0) {
		tally->valid_built++;
	} else {
		tally->failures++;
		printf("FAIL %s: %s\n", path, invalid ? "invalid input built" : err.message);
	}
	buf_free(&text);
	buf_free(&quoted);
}

/* The suite holds ID/in.yaml and ID/NN/in.yaml; a file is a directory that
 * does not open. */
static void walk(const char *dir, struct tally *tally)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/in.yaml", dir);
	if (access(path, F_OK) == 0)
		check_input(dir, tally);
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *entry; (entry = readdir(d));) {
		if (entry->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		walk(path, tally);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	if (access(argv[1], F_OK) != 0) {
		/* 77 is what ctest counts as skipped (SKIP_RETURN_CODE). */
		bool ci = getenv("CI") && strcmp(getenv("CI"), "true") == 0;
		printf("%s: %s is absent\n", ci ? "FAIL" : "SKIP", argv[1]);
		return ci ? 1 : 77;
	}
	struct tally tally = {0};
	walk(argv[1], &tally);
	printf("valid inputs built: %d, invalid inputs refused: %d, double-quoted texts compared: %d, failures: %d\n",
	       tally.valid_built, tally.invalid_refused, tally.quoted_compared, tally.failures);
	return tally.failures == 0 && tally.valid_built > 0 ? 0 : 1;
}
