/* See utf8.h. */
#include "utf8.h"

size_t utf8_sequence(const unsigned char *p, size_t left, unsigned *code_point)
{
	unsigned char c = p[0];
	size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
	if (n == 0 || n > left)
		return 0;
	unsigned cp = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	static const unsigned shortest[] = {0, 0, 0x80, 0x800, 0x10000};
	if (cp < shortest[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	*code_point = cp;
	return n;
}
