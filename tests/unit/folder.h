/* A fresh folder for a unit test's files, removed with what it left in it;
 * shared by the writers' tests (fileio, together). */
#ifndef LS_TEST_FOLDER_H
#define LS_TEST_FOLDER_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct folder {
	char path[64];
};

static void folder_make(struct folder *f)
{
	snprintf(f->path, sizeof(f->path), "/tmp/unit-writer.XXXXXX");
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

#endif
