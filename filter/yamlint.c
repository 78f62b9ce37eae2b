/* See yamlint.h. */
#include "yamlint.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/* strconv.ParseInt(text, 0, 64) on text without underscores. */
static bool parse_int(const char *t, size_t n, long *out)
{
	size_t i = 0;
	bool negative = false;
	if (i < n && (t[i] == '+' || t[i] == '-'))
		negative = t[i++] == '-';
	int base = 10;
	if (n - i >= 2 && t[i] == '0' && strchr("xXoObB", t[i + 1])) {
		base = t[i + 1] == 'x' || t[i + 1] == 'X' ? 16 : t[i + 1] == 'o' || t[i + 1] == 'O' ? 8 : 2;
		i += 2;
	} else if (n - i >= 2 && t[i] == '0') {
		base = 8;
		i++;
	}
	if (i == n)
		return base == 8 && n > 0 && t[n - 1] == '0'; /* "0" and "00" read as 0 */
	unsigned long value = 0;
	for (; i < n; i++) {
		int d = digit_value(t[i]);
		if (d >= base || value > (ULONG_MAX - (unsigned long)d) / (unsigned long)base)
			return false;
		value = value * (unsigned long)base + (unsigned long)d;
	}
	if (value > (unsigned long)LONG_MAX)
		return false;
	*out = negative ? -(long)value : (long)value;
	return true;
}

/* go-yaml v2's float form: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool float_form(const char *t, size_t n)
{
	size_t i = 0, digits = 0, fraction = 0;
	if (i < n && (t[i] == '+' || t[i] == '-'))
		i++;
	while (i < n && t[i] >= '0' && t[i] <= '9')
		i++, digits++;
	if (i < n && t[i] == '.') {
		i++;
		while (i < n && t[i] >= '0' && t[i] <= '9')
			i++, fraction++;
	}
	if (digits == 0 && fraction == 0)
		return false;
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < n && (t[i] == '+' || t[i] == '-'))
			i++;
		size_t exponent = 0;
		while (i < n && t[i] >= '0' && t[i] <= '9')
			i++, exponent++;
		if (exponent == 0)
			return false;
	}
	return i == n;
}

bool yaml_k8s_integer(const char *text, size_t len, long *out)
{
	/* The resolver tries numbers only for text that starts with a digit or
	 * a sign; `_1` or `.5e1`-style starts are other paths. */
	if (len == 0 || len > 64 || !(strchr("+-0123456789", text[0]) && text[0]))
		return false;
	char plain[65];
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] != '_')
			plain[n++] = text[i];
	plain[n] = '\0';
	if (parse_int(plain, n, out))
		return true;
	if (!float_form(plain, n))
		return false;
	char *end;
	double value = strtod(plain, &end);
	if (end != plain + n || value != value || value < (double)LONG_MIN || value > (double)LONG_MAX ||
	    value != (double)(long)value)
		return false;
	*out = (long)value;
	return true;
}
