/* The baseline: read standard input whole, as liqo-scenario does, and run
 * libfyaml's event parser over it, nothing else. A filter that validates its
 * input cannot be faster than this. Exit 1 on a parse error. */
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	size_t cap = 1 << 16, len = 0, got;
	char *input = malloc(cap);
	while (input && (got = fread(input + len, 1, cap - len, stdin)) > 0) {
		len += got;
		if (len == cap) {
			char *grown = realloc(input, cap *= 2);
			if (!grown)
				break;
			input = grown;
		}
	}
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET};
	struct fy_parser *parser = input ? fy_parser_create(&cfg) : NULL;
	if (!parser || fy_parser_set_string(parser, input, len) != 0)
		return 2;
	struct fy_event *event;
	while ((event = fy_parser_parse(parser)) != NULL)
		fy_parser_event_free(parser, event);
	int failed = fy_parser_get_stream_error(parser);
	fy_parser_destroy(parser);
	free(input);
	return failed ? 1 : 0;
}
