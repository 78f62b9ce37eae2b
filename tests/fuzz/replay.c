/* Replays saved inputs through a fuzz harness, without libFuzzer.
 *
 * Why: each input in the tests/fuzz/regressions folders once crashed,
 * leaked or hung a harness; linked with this driver instead of libFuzzer,
 * the harness runs them in every build (gcc or clang, plain or with
 * sanitizers), so ctest catches a regression where the fuzzer is never
 * built. The harness itself
 * aborts on a wrong result; leaks are the sanitizer build's to find. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole file in a buffer of exactly its size, as libFuzzer passes an
 * input, so that a read past the end is one the sanitizers see. */
static uint8_t *read_input(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	uint8_t *data = NULL;
	size_t len = 0;
	for (;;) {
		uint8_t chunk[4096];
		size_t n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0)
			break;
		uint8_t *grown = realloc(data, len + n);
		if (!grown) {
			free(data);
			fclose(f);
			return NULL;
		}
		data = grown;
		memcpy(data + len, chunk, n);
		len += n;
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		free(data);
		return NULL;
	}
	*size = len;
	return data ? data : malloc(1);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s INPUT...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		size_t size = 0;
		uint8_t *data = read_input(argv[i], &size);
		if (!data) {
			fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput(data, size);
		free(data);
		printf("replayed %s (%zu bytes)\n", argv[i], size);
	}
	return 0;
}
