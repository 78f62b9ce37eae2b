/* See profile.h. The vocabulary below is the only place that knows which
 * words of the seed's tables mean which exposure. */
#include "profile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embedded.h"
#include "escape.h"
#include "fileio.h"
#include "suggest.h"
#include "yamlquery.h"
#include "yamltree.h"

static const struct {
	enum component component;
	const char *words;
	enum exposure exposure;
} vocabulary[] = {
	{COMP_AUTH, "LoadBalancer", EXPOSE_LOADBALANCER},
	{COMP_AUTH, "Ingress", EXPOSE_INGRESS},
	{COMP_AUTH, "NodePort", EXPOSE_NODEPORT},
	{COMP_AUTH, "NodePort with port-forwarding", EXPOSE_NODEPORT_FORWARDED},
	{COMP_API_SERVER, "Provided", EXPOSE_PROVIDED},
	{COMP_API_SERVER, "Exposed", EXPOSE_EXPOSED},
	{COMP_API_SERVER, "Ingress", EXPOSE_INGRESS},
	{COMP_API_SERVER, "Public IP", EXPOSE_PUBLIC_IP},
	{COMP_API_SERVER, "Port-forwarding", EXPOSE_PORT_FORWARD},
	{COMP_GATEWAY, "LoadBalancer", EXPOSE_LOADBALANCER},
	{COMP_GATEWAY, "NodePort", EXPOSE_NODEPORT},
	{COMP_GATEWAY, "NodePort with port-forwarding", EXPOSE_NODEPORT_FORWARDED},
};

static const struct {
	const char *key;
	const char *title;
} component_names[COMP_COUNT] = {
	[COMP_AUTH] = {"auth-server", "Auth Server"},
	[COMP_API_SERVER] = {"api-server", "API server"},
	[COMP_GATEWAY] = {"network-gateway", "Network gateway"},
};

static const struct {
	const char *choice;
	const char *title;
} exposure_names[] = {
	[EXPOSE_LOADBALANCER] = {"loadbalancer", "LoadBalancer"},
	[EXPOSE_INGRESS] = {"ingress", "Ingress"},
	[EXPOSE_NODEPORT] = {"nodeport", "NodePort"},
	[EXPOSE_NODEPORT_FORWARDED] = {"nodeport", "NodePort with port-forwarding"},
	[EXPOSE_PROVIDED] = {"provided", "Provided"},
	[EXPOSE_EXPOSED] = {"exposed", "Exposed"},
	[EXPOSE_PUBLIC_IP] = {"public-ip", "Public IP"},
	[EXPOSE_PORT_FORWARD] = {"port-forward", "Port-forwarding"},
};

const char *component_name(enum component c) { return component_names[c].key; }
const char *component_title(enum component c) { return component_names[c].title; }
const char *exposure_choice(enum exposure e) { return exposure_names[e].choice; }
const char *exposure_title(enum exposure e) { return exposure_names[e].title; }

struct profile_reader {
	const char *origin;
	struct ls_error *err;
	struct arena *strings;  /* the profile's */
};

static int out_of_memory(struct profile_reader *r)
{
	return err_set(r->err, LS_EXIT_IO, "out of memory");
}

/* fmt holds one %s, filled with what. */
static int at(struct profile_reader *r, const struct ynode *node, const char *fmt, const char *what)
{
	struct buf text = {0};
	int rc = buf_printf(&text, fmt, what) < 0 ? out_of_memory(r)
		 : err_set(r->err, LS_EXIT_USAGE, "%s: line %d:%d: %s", r->origin, node->line + 1, node->column + 1,
			   text.data);
	buf_free(&text);
	return rc;
}

static int copy_text(struct profile_reader *r, const struct ynode *value, const char **out)
{
	if (value->kind != YN_SCALAR)
		return at(r, value, "expected text, found %s", ynode_kind_words(value));
	char *copy = arena_strndup(r->strings, value->text, value->len);
	if (!copy)
		return out_of_memory(r);
	*out = copy;
	return 0;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	size_t lead = strspn(s, " ");
	memmove(s, s + lead, n - lead + 1);
}

enum { VOCABULARY_SIZE = sizeof(vocabulary) / sizeof(vocabulary[0]) };

/* A word the profile's author got wrong is answered with the words that
 * would have been right for that component. */
static int unknown_exposure(struct profile_reader *r, enum component c, const struct ynode *value,
			    const char *word)
{
	struct suggestion near;
	suggest_start(&near, word, strlen(word));
	for (size_t i = 0; i < VOCABULARY_SIZE; i++)
		if (vocabulary[i].component == c)
			suggest_offer(&near, vocabulary[i].words);
	struct buf message = {0};
	int rc = buf_printf(&message, "'%s' is not an exposure the %s can have; ", word, component_name(c));
	if (suggest_best(&near))
		rc |= buf_printf(&message, "did you mean '%s'? ", suggest_best(&near));
	rc |= buf_printf(&message, "valid: ");
	const char *separator = "";
	for (size_t i = 0; i < VOCABULARY_SIZE; i++) {
		if (vocabulary[i].component != c)
			continue;
		rc |= buf_printf(&message, "%s%s", separator, vocabulary[i].words);
		separator = ", ";
	}
	rc = rc < 0 ? out_of_memory(r) : at(r, value, "%s", message.data);
	buf_free(&message);
	return rc;
}

static int parse_cell(struct profile_reader *r, enum component c, const struct ynode *value,
		      struct cell *cell)
{
	if (copy_text(r, value, &cell->text) < 0)
		return -1;
	char *words = strdup(cell->text);  /* cut up in place */
	if (!words)
		return out_of_memory(r);
	cell->count = 0;
	int rc = 0;
	for (char *save = NULL, *alt = strtok_r(words, "/", &save); alt && rc == 0; alt = strtok_r(NULL, "/", &save)) {
		trim(alt);
		size_t i = 0;
		while (i < VOCABULARY_SIZE && (vocabulary[i].component != c || strcasecmp(vocabulary[i].words, alt) != 0))
			i++;
		if (i == VOCABULARY_SIZE)
			rc = unknown_exposure(r, c, value, alt);
		else if (cell->count == CELL_MAX_CHOICES)
			rc = at(r, value, "%s", "too many alternatives");
		else
			cell->choices[cell->count++] = vocabulary[i].exposure;
	}
	free(words);
	if (rc == 0 && !cell->count)
		rc = at(r, value, "%s", "empty cell");
	return rc;
}

static int parse_column(struct profile_reader *r, const struct ynode *map, struct column *col)
{
	if (map->kind != YN_MAP)
		return at(r, map, "%s", "a cluster column is a mapping");
	bool seen[COMP_COUNT] = {false};
	for (const struct ynode *k = map->first; k; k = k->next->next) {
		if (yscalar_is(k, "title")) {
			if (copy_text(r, k->next, &col->title) < 0)
				return -1;
			continue;
		}
		enum component c = 0;
		while (c < COMP_COUNT && !yscalar_is(k, component_names[c].key))
			c++;
		if (c == COMP_COUNT)
			return at(r, k, "unknown key '%s'", k->kind == YN_SCALAR ? k->text : "?");
		if (parse_cell(r, c, k->next, &col->cells[c]) < 0)
			return -1;
		seen[c] = true;
	}
	for (enum component c = 0; c < COMP_COUNT; c++)
		if (!seen[c])
			return at(r, map, "missing '%s'", component_names[c].key);
	return 0;
}

static int parse_clusters(struct profile_reader *r, const struct ynode *map, struct profile *p)
{
	if (map->kind != YN_MAP)
		return at(r, map, "%s", "'clusters' is a mapping with keys a and b");
	const char *names[2] = {"a", "b"};
	for (int i = 0; i < 2; i++) {
		const struct ynode *col = ymap_get(map, names[i]);
		if (!col)
			return at(r, map, "missing cluster column '%s'", names[i]);
		if (parse_column(r, col, &p->columns[i]) < 0)
			return -1;
	}
	if (map->count != 4)
		return at(r, map, "%s", "'clusters' has exactly the keys a and b");
	return 0;
}

static int parse_root(struct profile_reader *r, const struct ynode *root, struct profile *p)
{
	if (!root || root->kind != YN_MAP)
		return err_set(r->err, LS_EXIT_USAGE, "%s: a profile is a mapping", r->origin);
	for (const struct ynode *k = root->first; k; k = k->next->next) {
		int rc;
		if (yscalar_is(k, "name"))
			rc = copy_text(r, k->next, &p->name);
		else if (yscalar_is(k, "description"))
			rc = copy_text(r, k->next, &p->description);
		else if (yscalar_is(k, "clusters"))
			rc = parse_clusters(r, k->next, p);
		else
			rc = at(r, k, "unknown key '%s'", k->kind == YN_SCALAR ? k->text : "?");
		if (rc < 0)
			return -1;
	}
	if (!p->name || !p->name[0] || !p->columns[0].cells[0].count)
		return at(r, root, "%s", "a profile needs 'name' and 'clusters'");
	/* Optional texts read as empty. */
	if (!p->description)
		p->description = "";
	for (int i = 0; i < 2; i++)
		if (!p->columns[i].title)
			p->columns[i].title = "";
	return 0;
}

int profile_parse(const char *origin, const char *text, size_t len, struct profile *out,
		  struct ls_error *err)
{
	memset(out, 0, sizeof(*out));
	struct profile_reader r = {.origin = origin, .err = err, .strings = &out->strings};
	struct ylimits limits = {.max_documents = 2, .max_depth = 16, .max_aliases = 0};
	struct ydoc *doc;
	int rc = yparse_document(origin, text, len, &limits, "profile", &doc, err);
	if (rc == 0)
		rc = parse_root(&r, doc ? doc->root : NULL, out);
	ydoc_free(doc);
	if (rc < 0)
		profile_free(out);
	return rc;
}

void profile_free(struct profile *p)
{
	arena_free(&p->strings);
}

/* The set takes p, freed here when it cannot. */
static int add_profile(struct profile_set *set, struct profile *p, struct ls_error *err)
{
	for (size_t i = 0; i < set->count; i++) {
		if (strcmp(set->items[i].name, p->name) == 0) {
			profile_free(&set->items[i]);
			set->items[i] = *p;
			return 0;
		}
	}
	struct profile *grown = realloc(set->items, (set->count + 1) * sizeof(*grown));
	if (!grown) {
		profile_free(p);
		return err_set(err, LS_EXIT_IO, "out of memory");
	}
	set->items = grown;
	set->items[set->count++] = *p;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum { PROFILE_BYTES_MAX = 1 << 20 };

/* Opened without blocking and checked once open: a FIFO or a device named
 * like a profile must neither hang the run nor be read for ever, whatever
 * the name or the link it came by. */
static int read_profile_file(const char *path, struct buf *text, bool *regular, struct ls_error *err)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, LS_EXIT_USAGE, "--profile-dir: %s: cannot open: %s", path, strerror(errno));
	struct stat info;
	int rc = fstat(fd, &info) < 0
		? err_set(err, LS_EXIT_USAGE, "--profile-dir: %s: %s", path, strerror(errno)) : 0;
	*regular = rc == 0 && S_ISREG(info.st_mode);
	if (*regular && info.st_size > PROFILE_BYTES_MAX)
		rc = err_set(err, LS_EXIT_USAGE, "--profile-dir: %s: %lld bytes: a profile holds at most %d", path,
			     (long long)info.st_size, PROFILE_BYTES_MAX);
	else if (*regular && read_fd(fd, path, PROFILE_BYTES_MAX, text, err) < 0) {
		rc = -1;
		if (err->code == LS_EXIT_INPUT)
			err->code = LS_EXIT_USAGE; /* it grew past the bound while being read */
	}
	close(fd);
	return rc;
}

static int load_file(const char *dir, const char *file, struct profile_set *set, struct ls_error *err)
{
	struct buf path = {0}, text = {0};
	struct profile p;
	bool regular = false;
	int rc = buf_printf(&path, "%s/%s", dir, file) < 0 ? err_set(err, LS_EXIT_IO, "out of memory") : 0;
	struct stat info;
	/* What is not a file is left unopened where a look says so. */
	if (rc == 0 && stat(path.data, &info) == 0 && !S_ISREG(info.st_mode))
		regular = false;
	else if (rc == 0)
		rc = read_profile_file(path.data, &text, &regular, err);
	if (rc == 0 && !regular && note_printf(&set->notes, "--profile-dir: %s is not a regular file: skipped\n",
					      path.data) < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	if (rc == 0 && regular)
		rc = profile_parse(path.data, text.data ? text.data : "", text.len, &p, err);
	if (rc == 0 && regular)
		rc = add_profile(set, &p, err);
	buf_free(&text);
	buf_free(&path);
	return rc;
}

/* Both extensions YAML files are given in the wild; anything else in the
 * folder (a README, an editor's backup) is not a profile. */
static bool profile_file_name(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

struct names {
	char **items;
	size_t count;
};

static void names_free(struct names *names)
{
	for (size_t i = 0; i < names->count; i++)
		free(names->items[i]);
	free(names->items);
}

/* Every profile file's name in the folder, however many. */
static int read_names(DIR *d, struct names *names)
{
	struct dirent *entry;
	errno = 0;
	while ((entry = readdir(d)) != NULL) {
		if (!profile_file_name(entry->d_name))
			continue;
		char **grown = realloc(names->items, (names->count + 1) * sizeof(*grown));
		char *copy = grown ? strdup(entry->d_name) : NULL;
		if (grown)
			names->items = grown;
		if (!copy)
			return -1;
		names->items[names->count++] = copy;
		errno = 0;
	}
	return errno ? -1 : 0;
}

static int load_dir(const char *dir, struct profile_set *set, struct ls_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(err, LS_EXIT_USAGE, "--profile-dir %s: cannot open the folder: %s", dir, strerror(errno));
	struct names names = {0};
	int rc = read_names(d, &names);
	if (rc < 0)
		rc = errno == ENOMEM ? err_set(err, LS_EXIT_IO, "out of memory")
				     : err_set(err, LS_EXIT_USAGE, "--profile-dir %s: cannot read the folder: %s", dir,
					       strerror(errno));
	closedir(d);
	if (rc == 0)
		qsort(names.items, names.count, sizeof(names.items[0]), by_name);
	for (size_t i = 0; rc == 0 && i < names.count; i++)
		rc = load_file(dir, names.items[i], set, err);
	names_free(&names);
	return rc;
}

/* The built-in profile files are named after their profiles (a unit test
 * holds them to it), so a run that names one parses only that file. */
static bool embedded_has(const char *name)
{
	for (size_t i = 0; name && i < embedded_profiles_count; i++) {
		size_t n = strlen(name);
		const char *file = embedded_profiles[i].name;
		if (strncmp(file, name, n) == 0 && strcmp(file + n, ".yaml") == 0)
			return true;
	}
	return false;
}

int profiles_load(const char *dir, const char *wanted, struct profile_set *set, struct ls_error *err)
{
	bool only_wanted = embedded_has(wanted);
	for (size_t i = 0; i < embedded_profiles_count; i++) {
		size_t n = wanted ? strlen(wanted) : 0;
		if (only_wanted && (strncmp(embedded_profiles[i].name, wanted, n) != 0 ||
				    strcmp(embedded_profiles[i].name + n, ".yaml") != 0))
			continue;
		struct profile p;
		const struct embedded_file *f = &embedded_profiles[i];
		if (profile_parse(f->name, f->bytes, f->len, &p, err) < 0 || add_profile(set, &p, err) < 0)
			return -1;
	}
	return dir ? load_dir(dir, set, err) : 0;
}

const struct profile *profiles_find(const struct profile_set *set, const char *name)
{
	for (size_t i = 0; i < set->count; i++)
		if (strcmp(set->items[i].name, name) == 0)
			return &set->items[i];
	return NULL;
}

const char *profiles_nearest(const struct profile_set *set, const char *name)
{
	struct suggestion near;
	suggest_start(&near, name, strlen(name));
	for (size_t i = 0; i < set->count; i++)
		suggest_offer(&near, set->items[i].name);
	return suggest_best(&near);
}

void profiles_free(struct profile_set *set)
{
	for (size_t i = 0; i < set->count; i++)
		profile_free(&set->items[i]);
	free(set->items);
	set->items = NULL;
	set->count = 0;
	buf_free(&set->notes);
}

int profile_columns_equal(const struct profile *p)
{
	for (enum component c = 0; c < COMP_COUNT; c++) {
		const struct cell *x = &p->columns[0].cells[c], *y = &p->columns[1].cells[c];
		if (x->count != y->count || memcmp(x->choices, y->choices, x->count * sizeof(x->choices[0])))
			return 0;
	}
	return 1;
}

size_t component_choices(enum component c, const char **words, size_t max)
{
	size_t count = 0;
	for (size_t i = 0; i < sizeof(vocabulary) / sizeof(vocabulary[0]); i++) {
		if (vocabulary[i].component != c)
			continue;
		const char *word = exposure_choice(vocabulary[i].exposure);
		bool seen = false;
		for (size_t j = 0; j < count; j++)
			seen = seen || strcmp(words[j], word) == 0;
		if (!seen && count < max)
			words[count++] = word;
	}
	return count;
}

/* A profile of --profile-dir may spell a control character as an escape
 * ("\e"): the list shows every text escaped. A column is as wide as its
 * widest text, so a long title or cell does not push the next one out of
 * line. */
enum { PRINTED_ROWS = 2 + COMP_COUNT }; /* --cluster word, title, one per component */

static int escaped_rows(const struct column *col, struct buf rows[PRINTED_ROWS], char which)
{
	int rc = buf_printf(&rows[0], "--cluster %c", which);
	rc |= escape_append(&rows[1], col->title, strlen(col->title));
	for (enum component c = 0; c < COMP_COUNT; c++)
		rc |= escape_append(&rows[2 + c], col->cells[c].text, strlen(col->cells[c].text));
	return rc;
}

static int print_profile(const struct profile *p, FILE *out)
{
	struct buf a[PRINTED_ROWS] = {{0}}, b[PRINTED_ROWS] = {{0}}, name = {0}, description = {0};
	int rc = escaped_rows(&p->columns[0], a, 'a') | escaped_rows(&p->columns[1], b, 'b');
	rc |= escape_append(&name, p->name, strlen(p->name));
	rc |= escape_append(&description, p->description, strlen(p->description));
	if (rc == 0) {
		int width = 0;
		for (int i = 0; i < PRINTED_ROWS; i++)
			width = (int)a[i].len > width ? (int)a[i].len : width;
		fprintf(out, "%s\n  %s\n", name.data, description.data);
		for (int i = 0; i < PRINTED_ROWS; i++)
			fprintf(out, "  %-17s| %-*s | %s\n", i < 2 ? "" : component_title(i - 2), width, a[i].data,
				b[i].data);
		if (profile_columns_equal(p))
			fprintf(out, "  (the columns are the same: --cluster may be left out)\n");
	}
	for (int i = 0; i < PRINTED_ROWS; i++) {
		buf_free(&a[i]);
		buf_free(&b[i]);
	}
	buf_free(&name);
	buf_free(&description);
	return rc < 0 ? -1 : 0;
}

int profiles_print(const struct profile_set *set, FILE *out)
{
	for (size_t i = 0; i < set->count; i++)
		if (print_profile(&set->items[i], out) < 0)
			return -1;
	return 0;
}
