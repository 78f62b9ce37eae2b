/* liqo-scenario: the command. It only wires files to filter_run: read
 * everything, run, then write everything or nothing. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "completion.h"
#include "config.h"
#include "fileio.h"
#include "filter.h"
#include "options.h"
#include "peering_cmd.h"
#include "profile.h"

#ifndef LIQO_SCENARIO_VERSION
#define LIQO_SCENARIO_VERSION "0.0.0"
#endif

static void list_profiles(const struct profile_set *set)
{
	for (size_t i = 0; i < set->count; i++) {
		const struct profile *p = &set->items[i];
		printf("%s\n  %s\n", p->name, p->description);
		printf("  %-17s| %-32s| %s\n", "", p->columns[0].title, p->columns[1].title);
		for (enum component c = 0; c < COMP_COUNT; c++)
			printf("  %-17s| %-32s| %s\n", component_title(c), p->columns[0].cells[c].text,
			       p->columns[1].cells[c].text);
	}
}

static void print_warnings(const struct buf *notes)
{
	if (notes->len == 0)
		return;
	const char *line = notes->data, *end = notes->data + notes->len;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		fprintf(stderr, "liqo-scenario: warning: %.*s\n", (int)n, line);
		line += n + 1;
	}
}

static int read_input(const struct settings *s, const char **name, struct buf *in, struct ls_error *err)
{
	if (!s->input || strcmp(s->input, "-") == 0) {
		*name = "<stdin>";
		return read_stream(stdin, *name, s->max_input_size, in, err);
	}
	*name = s->input;
	return read_path(s->input, s->max_input_size, in, err);
}

/* The report goes to its own file through a temporary one, as -o does, so
 * a reader never sees half of it. */
static int write_report(const struct settings *s, const struct buf *json, struct ls_error *err)
{
	struct piece whole = {json->data, json->len};
	struct pieces one = {&whole, 1, json->len};
	if (strcmp(s->report, "-") == 0)
		return write_stdout(&one, err);
	return write_output("--report", s->report, &one, err);
}

/* The report is written for every run that got this far, a failing --check
 * too (its exit status still says so). It goes first: a report path that
 * cannot be written (the likeliest failure of the two) then stops the run
 * before a byte of the manifests is written, and -o's file stays as it was. */
static int deliver(const struct settings *s, const struct filter_result *result, struct ls_error *err)
{
	int rc = s->report ? write_report(s, &result->json, err) : 0;
	if (rc == 0 && !s->check)
		rc = s->output ? write_output("-o", s->output, &result->output, err) : write_stdout(&result->output, err);
	if (rc == 0 && s->check && result->records.count) {
		fputs(result->changes.data, stderr);
		rc = err_set(err, LS_EXIT_CHECK_FAILED, "--check: %zu difference%s from the scenario", result->records.count,
			     result->records.count == 1 ? "" : "s");
	}
	return rc;
}

static int run(const struct settings *s, struct ls_error *err)
{
	struct profile_set profiles = {0};
	struct buf input = {0};
	struct filter_result result = {0};
	const char *name = NULL;
	int rc = profiles_load(s->profile_dir, s->list_profiles ? NULL : s->profile, &profiles, err);
	if (rc == 0 && s->list_profiles)
		list_profiles(&profiles);
	else if (rc == 0)
		rc = read_input(s, &name, &input, err);
	if (rc == 0 && !s->list_profiles)
		rc = filter_run(s, &profiles, name, input.data ? input.data : "", input.len, &result, err);
	if (result.report.len)
		fprintf(stderr, "%.*s", (int)result.report.len, result.report.data);
	/* A failed run says one thing: its error. */
	if (rc == 0)
		print_warnings(&result.notes);
	if (rc == 0 && !s->list_profiles)
		rc = deliver(s, &result, err);
	filter_result_free(&result);
	buf_free(&input);
	profiles_free(&profiles);
	return rc;
}

/* What went through stdio (--help, --version, --list-profiles, --completion) is only
 * known to have been written once it is flushed: a full disk must not
 * pass for success. The filter's output goes around stdio and is checked
 * where it is written. */
static void check_stdout(struct ls_error *err)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		err_set(err, LS_EXIT_IO, "standard output: write failed: %s",
			errno ? strerror(errno) : "unknown error");
}

int main(int argc, char **argv)
{
	struct settings settings;
	struct ls_error err = {0};
	struct config_file config = {0};
	/* A reader that goes away, or a file size limit reached, is a failed
	 * write to report (and -o's temporary file to remove), not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	/* A first word `peering` is the second command; anything else is the
	 * post-renderer's command line, as it always was. */
	if (argc > 1 && strcmp(argv[1], "peering") == 0)
		return peering_main(argc - 1, argv + 1);
	settings_defaults(&settings);
	int rc = options_parse(argc, argv, &settings, &err);
	if (rc == 0 && settings.config) {
		const char *path = settings.config;
		settings_defaults(&settings);
		rc = config_load(path, &settings, &config, &err);
		if (rc == 0)
			rc = options_parse(argc, argv, &settings, &err);
	}
	if (rc == 0 && settings.help)
		options_usage(stdout);
	else if (rc == 0 && settings.version)
		printf("liqo-scenario %s\n", LIQO_SCENARIO_VERSION);
	else if (rc == 0 && settings.completion)
		completion_write(settings.completion, stdout, &err);
	else if (rc == 0)
		run(&settings, &err);
	if (!err_is_set(&err))
		check_stdout(&err);
	config_free(&config);
	if (err_is_set(&err)) {
		fprintf(stderr, "liqo-scenario: %s\n", err.message);
		return err.code;
	}
	return 0;
}
