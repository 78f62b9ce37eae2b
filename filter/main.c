/* liqo-scenario: the command. It only wires files to filter_run: read
 * everything, run, then write everything or nothing. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "completion.h"
#include "config.h"
#include "escape.h"
#include "destination.h"
#include "explain_markdown.h"
#include "fileio.h"
#include "filter.h"
#include "options.h"
#include "peering_cmd.h"
#include "profile.h"
#include "buf.h"

#ifndef LIQO_SCENARIO_VERSION
#define LIQO_SCENARIO_VERSION "0.0.0"
#endif

/* After a Markdown explanation the warnings are part of the document, as
 * quoted lines, so the whole of standard error can be posted as it is. */
static void print_warnings(const struct buf *notes, bool markdown)
{
	if (notes->len == 0)
		return;
	const char *line = notes->data, *end = notes->data + notes->len;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		struct buf quoted = {0};
		if (markdown && markdown_text(&quoted, line, n) == 0) {
			fputs("\n> **Warning:** ", stderr);
			escape_write(stderr, quoted.data, quoted.len, false);
			fputc('\n', stderr);
		} else {
			fputs("liqo-scenario: warning: ", stderr);
			escape_write(stderr, line, n, false);
			fputc('\n', stderr);
		}
		buf_free(&quoted);
		line += n + 1;
	}
}

static int read_input(const struct settings *s, const char **name, struct buf *in, struct ls_error *err)
{
	if (!s->input || strcmp(s->input, "-") == 0) {
		*name = "<stdin>";
		return read_fd(STDIN_FILENO, *name, s->max_input_size, in, err);
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

/* --explain's text and the warnings, for a reader who never sees standard
 * error (Helm discards a post-renderer's), written as the report is. */
static int write_explanation(const struct settings *s, const struct filter_result *result, struct ls_error *err)
{
	struct buf text = {0};
	int rc = buf_append(&text, result->report.data ? result->report.data : "", result->report.len);
	if (result->notes.len)
		rc |= buf_puts(&text, "Warnings:\n");
	const char *line = result->notes.data, *end = line ? line + result->notes.len : NULL;
	while (rc == 0 && line && line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		rc |= buf_printf(&text, "  %.*s\n", (int)n, line);
		line += n + 1;
	}
	if (rc < 0) {
		buf_free(&text);
		return err_set(err, LS_EXIT_IO, "out of memory");
	}
	struct piece whole = {text.data, text.len};
	struct pieces one = {&whole, 1, text.len};
	rc = strcmp(s->explain_file, "-") == 0 ? write_stdout(&one, err) : write_output("--explain-file", s->explain_file, &one, err);
	buf_free(&text);
	return rc;
}

/* The report and the explanation are written for every run that got this
 * far, a failing --check too (its exit status still says so). They go
 * first: a path that cannot be written (the likeliest failure) then stops
 * the run before a byte of the manifests is written, and -o's file stays as
 * it was. */
static int deliver(const struct settings *s, const struct filter_result *result, struct ls_error *err)
{
	int rc = s->report ? write_report(s, &result->json, err) : 0;
	if (rc == 0 && s->explain_file)
		rc = write_explanation(s, result, err);
	if (rc == 0 && !s->check)
		rc = s->output ? write_output("-o", s->output, &result->output, err) : write_stdout(&result->output, err);
	return rc;
}

/* A failed run says one thing: its error. What --explain and the warnings
 * say is printed once everything was written. */
static void print_outcome(const struct settings *s, const struct filter_result *result, struct ls_error *err)
{
	if (settings_explain(s))
		escape_write(stderr, result->report.data ? result->report.data : "", result->report.len, true);
	print_warnings(&result->notes, settings_explain_markdown(s));
	if (s->check && result->records.count) {
		escape_write(stderr, result->changes.data, result->changes.len, true);
		err_set(err, LS_EXIT_CHECK_FAILED, "--check: %zu difference%s from the scenario", result->records.count,
			result->records.count == 1 ? "" : "s");
	}
}

static int run(const struct settings *s, struct ls_error *err)
{
	struct profile_set profiles = {0};
	struct buf input = {0};
	struct filter_result result = {0};
	const char *name = NULL;
	int rc = outputs_check_distinct(s->report, s->output, !s->output && !s->check, err);
	if (rc == 0)
		rc = profiles_load(s->profile_dir, s->list_profiles ? NULL : s->profile, &profiles, err);
	if (rc == 0 && s->list_profiles) {
		rc = profiles_print(&profiles, stdout) < 0 ? err_set(err, LS_EXIT_IO, "out of memory") : 0;
		if (rc == 0)
			print_warnings(&profiles.notes, false);
	} else if (rc == 0)
		rc = read_input(s, &name, &input, err);
	if (rc == 0 && !s->list_profiles)
		rc = filter_run(s, &profiles, name, input.data ? input.data : "", input.len, &result, err);
	if (rc == 0 && !s->list_profiles)
		rc = deliver(s, &result, err);
	if (rc == 0 && !s->list_profiles)
		print_outcome(s, &result, err);
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
	/* Output longer than stdio's buffer fails in an earlier fputs: errno
	 * still holds that write's reason, which a flush of a stream already in
	 * error does not set again. */
	int earlier = errno;
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int reason = errno ? errno : earlier;
		err_set(err, LS_EXIT_IO, "standard output: write failed: %s", reason ? strerror(reason) : "unknown error");
	}
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
	/* --help and the completion scripts are a few kilobytes: held whole
	 * until check_stdout flushes them, a failed write is seen there with
	 * its errno, not midway by a write whose errno stdio then loses. */
	static char stdout_buffer[1 << 16];
	setvbuf(stdout, stdout_buffer, _IOFBF, sizeof(stdout_buffer));
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
