/* Every input of the YAML test suite built into trees, as the filter builds
 * the documents it edits (the binary itself only builds Service, Deployment
 * and Ingress documents, which the suite has none of). A valid input must
 * build without error, an invalid one must be refused: the checks the tree
 * builder adds to libfyaml's (duplicate keys, aliases before anchors,
 * indentation) must not refuse valid YAML. Usage: yaml_suite_trees SUITE_DIR */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "yamltree.h"

struct tally {
	int valid_built, invalid_refused, failures;
};

static int drop_document(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	(void)ctx, (void)doc, (void)err;
	*keep = false;
	return 0;
}

static void check_input(const char *dir, struct tally *tally)
{
	char path[4096], marker[4096];
	snprintf(path, sizeof(path), "%s/in.yaml", dir);
	snprintf(marker, sizeof(marker), "%s/error", dir);
	bool invalid = access(marker, F_OK) == 0;
	struct buf text = {0};
	struct ls_error err = {0};
	struct ylimits limits = {.max_documents = 1000, .max_depth = 256, .max_aliases = 10000};
	int rc = read_path(path, 1 << 20, &text, &err);
	if (rc == 0)
		rc = yparse_stream(path, text.data ? text.data : "", text.len, &limits, NULL, drop_document, NULL, &err);
	if (invalid && rc < 0) {
		tally->invalid_refused++;
	} else if (!invalid && rc == 0) {
		tally->valid_built++;
	} else {
		tally->failures++;
		printf("FAIL %s: %s\n", path, invalid ? "invalid input built" : err.message);
	}
	buf_free(&text);
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
		const char *ci = getenv("CI");
		printf("%s: %s is absent\n", ci && strcmp(ci, "true") == 0 ? "FAIL" : "SKIP", argv[1]);
		return ci && strcmp(ci, "true") == 0;
	}
	struct tally tally = {0};
	walk(argv[1], &tally);
	printf("valid inputs built: %d, invalid inputs refused: %d, failures: %d\n", tally.valid_built,
	       tally.invalid_refused, tally.failures);
	return tally.failures == 0 && tally.valid_built > 0 ? 0 : 1;
}
