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

#include "fileio.h"

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

/* A fresh folder for the -o cases, removed with what they left in it. */
struct folder {
	char path[64];
};

static void folder_make(struct folder *f)
{
	snprintf(f->path, sizeof(f->path), "/tmp/unit-fileio.XXXXXX");
	assert_non_null(mkdtemp(f->path));
}

static const char *in_folder(const struct folder *f, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", f->path, name);
	return out;
}

static void folder_remove(const struct folder *f)
{
	DIR *d = opendir(f->path);
	assert_non_null(d);
	struct dirent *entry;
	char path[sizeof(f->path) + sizeof(entry->d_name) + 1];
	while ((entry = readdir(d)) != NULL)
		if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
			unlink(in_folder(f, entry->d_name, path, sizeof(path)));
	closedir(d);
	rmdir(f->path);
}

static size_t folder_entries(const struct folder *f)
{
	DIR *d = opendir(f->path);
	size_t count = 0;
	for (struct dirent *entry; (entry = readdir(d)) != NULL;)
		count += strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..");
	closedir(d);
	return count;
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

static struct buf text_buf(const char *text)
{
	struct buf b = {0};
	assert_int_equal(buf_puts(&b, text), 0);
	return b;
}

static void write_text(const char *path, const char *text)
{
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

static void assert_file_is(const char *path, const char *text)
{
	char got[64] = {0};
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	size_t n = fread(got, 1, sizeof(got) - 1, in);
	fclose(in);
	assert_int_equal(n, strlen(text));
	assert_string_equal(got, text);
}

/* Files written together: one that already holds its text is not touched
 * (same inode), one that differs is replaced, a new one is made. */
static void files_together_touch_only_what_differs(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char same[256], other[256], fresh[256];
	write_text(in_folder(&f, "same.yaml", same, sizeof(same)), "kept\n");
	write_text(in_folder(&f, "other.yaml", other, sizeof(other)), "old\n");
	in_folder(&f, "new.yaml", fresh, sizeof(fresh));
	struct stat before, after;
	assert_int_equal(stat(same, &before), 0);
	struct buf kept = text_buf("kept\n"), changed = text_buf("new\n"), made = text_buf("made\n");
	struct file_out files[3] = {{.path = same, .text = &kept}, {.path = other, .text = &changed},
				    {.path = fresh, .text = &made}};
	struct ls_error err = {0};
	assert_int_equal(write_files_together("--output-dir", files, 3, &err), 0);
	assert_false(files[0].changed);
	assert_true(files[1].changed);
	assert_true(files[2].changed);
	assert_int_equal(stat(same, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_file_is(other, "new\n");
	assert_file_is(fresh, "made\n");
	assert_int_equal(folder_entries(&f), 3); /* no temporary or backup file left */
	buf_free(&kept);
	buf_free(&changed);
	buf_free(&made);
	folder_remove(&f);
}

/* A file that cannot be written stops the run before any file is replaced. */
static void files_together_all_or_nothing(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	char first[256];
	write_text(in_folder(&f, "first.yaml", first, sizeof(first)), "old\n");
	struct buf one = text_buf("new\n"), two = text_buf("two\n");
	struct file_out files[2] = {{.path = first, .text = &one},
				    {.path = "/nonexistent-folder/peering.yaml", .text = &two}};
	struct ls_error err = {0};
	assert_int_equal(write_files_together("--output-dir", files, 2, &err), -1);
	assert_int_equal(err.code, LS_EXIT_IO);
	assert_file_is(first, "old\n");
	assert_int_equal(folder_entries(&f), 1);
	assert_null(files[0].temp);
	assert_null(files[0].backup);
	buf_free(&one);
	buf_free(&two);
	folder_remove(&f);
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
		cmocka_unit_test(files_together_touch_only_what_differs),
		cmocka_unit_test(files_together_all_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
