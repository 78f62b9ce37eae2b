/* Writing the output: every byte of every piece, in order, whatever the
 * descriptor does (short writes, a full pipe on a non-blocking descriptor),
 * and a clean error when the reader is gone; -o replaces files, never what
 * is not one, and follows links to what they name. (Devices and owners need
 * root: tests/hostile/output-path.sh.) */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "destination.h"
#include "fileio.h"
#include "folder.h"

enum { PIECE_COUNT = 1000, PIECE_BYTES = 1031 };

/* Many pieces of odd sizes: more than one gathering write's worth, and
 * more bytes than a pipe holds. */
static char *make_pieces(struct pieces *out)
{
	char *bytes = malloc((size_t)PIECE_COUNT * PIECE_BYTES);
	out->items = calloc(PIECE_COUNT, sizeof(*out->items));
	out->count = PIECE_COUNT;
	out->total = 0;
	for (size_t i = 0; i < (size_t)PIECE_COUNT * PIECE_BYTES; i++)
		bytes[i] = (char)('a' + (i * 7 + i / 13) % 26);
	for (size_t i = 0, at = 0; i < PIECE_COUNT; i++) {
		size_t len = 1 + (i * 37) % PIECE_BYTES;
		out->items[i] = (struct piece){bytes + at, len};
		out->total += len;
		at += len;
	}
	return bytes;
}

/* Reads the pipe slowly in a child and checks what arrives against the
 * pieces; the exit status says whether it matched. */
static pid_t slow_reader(const int fds[2], const struct pieces *want)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	close(fds[1]);
	int fd = fds[0];
	size_t index = 0, offset = 0;
	char chunk[4096];
	ssize_t got;
	while ((got = read(fd, chunk, sizeof(chunk))) > 0) {
		nanosleep(&(struct timespec){0, 200000}, NULL);
		for (ssize_t i = 0; i < got; i++) {
			if (index == want->count || chunk[i] != want->items[index].data[offset])
				_exit(1);
			if (++offset == want->items[index].len)
				index++, offset = 0;
		}
	}
	_exit(index == want->count && got == 0 ? 0 : 2);
}

static void every_byte_arrives_through_a_full_non_blocking_pipe(void **state)
{
	(void)state;
	struct pieces output;
	char *bytes = make_pieces(&output);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t reader = slow_reader(fds, &output);
	assert_true(reader > 0);
	close(fds[0]);
	assert_int_equal(fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK), 0);
	struct ls_error err = {0};
	assert_int_equal(write_pieces(fds[1], "pipe", &output, &err), 0);
	close(fds[1]);
	int status;
	assert_int_equal(waitpid(reader, &status, 0), reader);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	free(output.items);
	free(bytes);
}

static void a_closed_pipe_is_an_error(void **state)
{
	(void)state;
	struct pieces output;
	char *bytes = make_pieces(&output);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	struct ls_error err = {0};
	assert_int_equal(write_pieces(fds[1], "pipe", &output, &err), -1);
	assert_int_equal(err.code, LS_EXIT_IO);
	assert_non_null(strstr(err.message, "pipe: write failed: Broken pipe"));
	close(fds[1]);
	free(output.items);
	free(bytes);
}

static void nothing_to_write_writes_nothing(void **state)
{
	(void)state;
	struct piece empty[3] = {{"", 0}, {"", 0}, {"", 0}};
	struct pieces output = {empty, 3, 0};
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	struct ls_error err = {0};
	assert_int_equal(write_pieces(fds[1], "pipe", &output, &err), 0);
	close(fds[1]);
	char c;
	assert_int_equal(read(fds[0], &c, 1), 0);
	close(fds[0]);
}

static void empty_pieces_are_skipped(void **state)
{
	(void)state;
	struct piece items[5] = {{"", 0}, {"ab", 2}, {"", 0}, {"c", 1}, {"", 0}};
	struct pieces output = {items, 5, 3};
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	struct ls_error err = {0};
	assert_int_equal(write_pieces(fds[1], "pipe", &output, &err), 0);
	close(fds[1]);
	char got[8] = {0};
	assert_int_equal(read(fds[0], got, sizeof(got)), 3);
	assert_string_equal(got, "abc");
	close(fds[0]);
}

static struct piece hello_pieces[2] = {{"kind: ", 6}, {"Service\n", 8}};
static const struct pieces hello = {hello_pieces, 2, 14};

static void assert_holds_hello(const char *path)
{
	char got[32] = {0};
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	assert_int_equal(fread(got, 1, sizeof(got), in), 14);
	fclose(in);
	assert_string_equal(got, "kind: Service\n");
}

static void an_existing_file_keeps_its_mode(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char path[256];
	FILE *old = fopen(in_folder(&f, "out.yaml", path, sizeof(path)), "w");
	fclose(old);
	assert_int_equal(chmod(path, 0600), 0);
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", path, &hello, &err), 0);
	struct stat info;
	assert_int_equal(stat(path, &info), 0);
	assert_int_equal(info.st_mode & 07777, 0600);
	assert_holds_hello(path);
	assert_int_equal(folder_entries(&f), 1);
	folder_remove(&f);
}

static void a_new_file_gets_0666_less_the_umask(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char path[256];
	mode_t saved = umask(077);
	struct ls_error err = {0};
	int rc = write_output("-o", in_folder(&f, "new.yaml", path, sizeof(path)), &hello, &err);
	assert_int_equal(umask(saved), 077);
	assert_int_equal(rc, 0);
	struct stat info;
	assert_int_equal(stat(path, &info), 0);
	assert_int_equal(info.st_mode & 07777, 0600);
	folder_remove(&f);
}

static void a_chain_of_links_stays_and_its_target_is_replaced(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char target[256], hop[256], start[256];
	FILE *old = fopen(in_folder(&f, "target.yaml", target, sizeof(target)), "w");
	fclose(old);
	assert_int_equal(symlink("target.yaml", in_folder(&f, "hop", hop, sizeof(hop))), 0);
	assert_int_equal(symlink(hop, in_folder(&f, "start", start, sizeof(start))), 0);
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", start, &hello, &err), 0);
	struct stat info;
	assert_int_equal(lstat(start, &info), 0);
	assert_true(S_ISLNK(info.st_mode));
	assert_int_equal(lstat(hop, &info), 0);
	assert_true(S_ISLNK(info.st_mode));
	assert_holds_hello(target);
	assert_int_equal(folder_entries(&f), 3);
	folder_remove(&f);
}

static void a_dangling_link_names_the_file_to_make(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char link[256], made[256];
	assert_int_equal(symlink("made.yaml", in_folder(&f, "link", link, sizeof(link))), 0);
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", link, &hello, &err), 0);
	assert_holds_hello(in_folder(&f, "made.yaml", made, sizeof(made)));
	struct stat info;
	assert_int_equal(lstat(link, &info), 0);
	assert_true(S_ISLNK(info.st_mode));
	folder_remove(&f);
}

static void a_loop_of_links_is_an_error_that_leaves_nothing(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char a[256], b[256];
	assert_int_equal(symlink("b", in_folder(&f, "a", a, sizeof(a))), 0);
	assert_int_equal(symlink("a", in_folder(&f, "b", b, sizeof(b))), 0);
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", a, &hello, &err), -1);
	assert_int_equal(err.code, LS_EXIT_IO);
	assert_non_null(strstr(err.message, "Too many levels of symbolic links"));
	assert_int_equal(folder_entries(&f), 2);
	folder_remove(&f);
}

static void a_fifo_is_written_to_not_replaced(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char fifo[256];
	assert_int_equal(mkfifo(in_folder(&f, "fifo", fifo, sizeof(fifo)), 0600), 0);
	pid_t reader = fork();
	if (reader == 0) {
		char got[32] = {0};
		int fd = open(fifo, O_RDONLY);
		ssize_t n = 0, r;
		while ((r = read(fd, got + n, sizeof(got) - 1 - (size_t)n)) > 0)
			n += r;
		_exit(strcmp(got, "kind: Service\n") == 0 ? 0 : 1);
	}
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", fifo, &hello, &err), 0);
	int status;
	assert_int_equal(waitpid(reader, &status, 0), reader);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	struct stat info;
	assert_int_equal(lstat(fifo, &info), 0);
	assert_true(S_ISFIFO(info.st_mode));
	folder_remove(&f);
}

static void a_missing_folder_is_an_error(void **state)
{
	(void)state;
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", "/nonexistent-folder/out.yaml", &hello, &err), -1);
	assert_int_equal(err.code, LS_EXIT_IO);
	assert_non_null(strstr(err.message, "-o /nonexistent-folder/out.yaml: cannot create a temporary file"));
}

/* /proc/self/fd/N is descriptor N: a file opened to append is appended to,
 * and no file appears beside it. */
static void a_descriptor_name_writes_through_the_descriptor(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char path[256], name[64];
	int fd = open(in_folder(&f, "log", path, sizeof(path)), O_WRONLY | O_CREAT | O_APPEND, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "old\n", 4), 4);
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", name, &hello, &err), 0);
	close(fd);
	char got[64] = {0};
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	assert_int_equal(fread(got, 1, sizeof(got), in), 18);
	fclose(in);
	assert_string_equal(got, "old\nkind: Service\n");
	assert_int_equal(folder_entries(&f), 1);
	folder_remove(&f);
}

/* The longest name a folder takes is replaced: the temporary name is short. */
static void a_255_byte_name_is_written_and_replaced(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char name[256], path[512];
	memset(name, 'n', 255);
	name[255] = '\0';
	in_folder(&f, name, path, sizeof(path));
	struct ls_error err = {0};
	assert_int_equal(write_output("-o", path, &hello, &err), 0);
	assert_int_equal(write_output("-o", path, &hello, &err), 0);
	assert_holds_hello(path);
	assert_int_equal(folder_entries(&f), 1);
	folder_remove(&f);
}

/* --report and -o on one file, by any name, and --report on standard output. */
static void the_report_never_lands_on_the_manifests(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char file[256], soft[256], hard[256], fresh[256], fresh_again[320], other[256];
	FILE *made = fopen(in_folder(&f, "file", file, sizeof(file)), "w");
	assert_non_null(made);
	fclose(made);
	assert_int_equal(symlink("file", in_folder(&f, "soft", soft, sizeof(soft))), 0);
	assert_int_equal(link(file, in_folder(&f, "hard", hard, sizeof(hard))), 0);
	in_folder(&f, "fresh", fresh, sizeof(fresh));
	snprintf(fresh_again, sizeof(fresh_again), "%s/../%s/fresh", f.path, strrchr(f.path, '/') + 1);
	in_folder(&f, "other", other, sizeof(other));
	const char *same[][2] = {{file, file}, {soft, file}, {hard, soft}, {fresh, fresh_again}};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		struct ls_error err = {0};
		assert_int_equal(outputs_check_distinct(same[i][0], same[i][1], false, &err), -1);
		assert_int_equal(err.code, LS_EXIT_USAGE);
		assert_non_null(strstr(err.message, "are the same file"));
	}
	struct ls_error err = {0};
	assert_int_equal(outputs_check_distinct(other, file, false, &err), 0);
	assert_int_equal(outputs_check_distinct(fresh, other, false, &err), 0);
	assert_int_equal(outputs_check_distinct("-", NULL, true, &err), 0);
	assert_int_equal(outputs_check_distinct(NULL, file, true, &err), 0);
	/* Standard output on the file: the report may not go there too. */
	int saved = dup(STDOUT_FILENO), fd = open(file, O_WRONLY);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	int named = outputs_check_distinct(soft, NULL, true, &err);
	int through_proc = outputs_check_distinct("/proc/self/fd/1", NULL, false, &err);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fd);
	assert_int_equal(named, -1);
	assert_int_equal(through_proc, 0); /* with --check or -o, standard output is free */
	assert_non_null(strstr(err.message, "is standard output"));
	folder_remove(&f);
}

/* Standard input left non-blocking: read_fd waits for the writer. */
static void a_non_blocking_descriptor_is_waited_on(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK), 0);
	pid_t writer = fork();
	if (writer == 0) {
		close(fds[0]);
		for (int i = 0; i < 3; i++) {
			nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
			if (write(fds[1], "abc", 3) != 3)
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	struct buf got = {0};
	struct ls_error err = {0};
	assert_int_equal(read_fd(fds[0], "<stdin>", 1 << 20, &got, &err), 0);
	close(fds[0]);
	assert_int_equal(waitpid(writer, NULL, 0), writer);
	assert_int_equal(got.len, 9);
	assert_string_equal(got.data, "abcabcabc");
	buf_free(&got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_byte_arrives_through_a_full_non_blocking_pipe),
		cmocka_unit_test(a_closed_pipe_is_an_error),
		cmocka_unit_test(nothing_to_write_writes_nothing),
		cmocka_unit_test(empty_pieces_are_skipped),
		cmocka_unit_test(an_existing_file_keeps_its_mode),
		cmocka_unit_test(a_new_file_gets_0666_less_the_umask),
		cmocka_unit_test(a_chain_of_links_stays_and_its_target_is_replaced),
		cmocka_unit_test(a_dangling_link_names_the_file_to_make),
		cmocka_unit_test(a_loop_of_links_is_an_error_that_leaves_nothing),
		cmocka_unit_test(a_fifo_is_written_to_not_replaced),
		cmocka_unit_test(a_missing_folder_is_an_error),
		cmocka_unit_test(a_descriptor_name_writes_through_the_descriptor),
		cmocka_unit_test(a_255_byte_name_is_written_and_replaced),
		cmocka_unit_test(the_report_never_lands_on_the_manifests),
		cmocka_unit_test(a_non_blocking_descriptor_is_waited_on),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
