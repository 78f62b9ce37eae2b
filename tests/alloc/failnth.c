/* An LD_PRELOAD library that makes one allocation of a run fail.
 *
 * Why: a failed allocation must end the run with exit 4 and "out of
 * memory", whatever allocation it is, in the program or in the libraries it
 * calls. Counting every allocation and failing the Nth, for each N, reaches
 * every place that allocates without having to find them first.
 *
 * LIQO_FAIL_AT=N makes the Nth call of malloc, calloc, realloc,
 * reallocarray, posix_memalign, aligned_alloc or memalign return NULL (once;
 * later calls succeed, so a caller that ignores the NULL goes on and shows
 * it). LIQO_ALLOC_COUNT=PATH writes the number of calls there at exit.
 * strdup, strndup and the stdio buffers allocate through malloc in glibc, so
 * they are counted too. The real allocator is glibc's own __libc_* entry,
 * which needs no dlsym (dlsym allocates). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

/* The counter is the shim's state, not the program's: it lives as long as
 * the process it counts. */
static unsigned long calls, fail_at;
static int configured;

static void configure(void)
{
	const char *at = getenv("LIQO_FAIL_AT");
	fail_at = at ? strtoul(at, NULL, 10) : 0;
	configured = 1;
}

/* A place for a debugger's breakpoint: the backtrace from here shows who
 * asked for the allocation that failed. */
__attribute__((noinline, visibility("default"))) void liqo_alloc_failed(void)
{
	__asm__ volatile("");
}

/* Whether this call is the one to fail. */
static int fails(void)
{
	if (!configured)
		configure();
	if (++calls != fail_at)
		return 0;
	liqo_alloc_failed();
	return 1;
}

void *malloc(size_t size)
{
	if (fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
	if (fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(count, size);
}

void *realloc(void *ptr, size_t size)
{
	if (fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(ptr, size);
}

void *reallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > (size_t)-1 / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(ptr, count * size);
}

void *memalign(size_t alignment, size_t size)
{
	if (fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
	return memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
	void *p = memalign(alignment, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

static void __attribute__((destructor)) report_count(void)
{
	const char *path = getenv("LIQO_ALLOC_COUNT");
	if (!path)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	char text[32];
	int n = snprintf(text, sizeof(text), "%lu\n", calls);
	if (n > 0 && write(fd, text, (size_t)n) < 0)
		n = -1;
	close(fd);
}
