/* Writing the output: every byte of every piece, in order, whatever the
 * descriptor does (short writes, a full pipe on a non-blocking descriptor),
 * and a clean error when the reader is gone. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_byte_arrives_through_a_full_non_blocking_pipe),
		cmocka_unit_test(a_closed_pipe_is_an_error),
		cmocka_unit_test(nothing_to_write_writes_nothing),
		cmocka_unit_test(empty_pieces_are_skipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
