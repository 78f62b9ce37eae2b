/* Files written together (together.h): a file that already holds its text
 * keeps its inode, the others are replaced or made, and a file that cannot
 * be written leaves every file as it was, with nothing left beside them. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "together.h"
#include "folder.h"

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
		cmocka_unit_test(files_together_touch_only_what_differs),
		cmocka_unit_test(files_together_all_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
