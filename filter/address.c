/* See address.h. */
#include "address.h"

#include <arpa/inet.h>
#include <string.h>

enum address_kind address_ip(const char *text, size_t len)
{
	/* INET6_ADDRSTRLEN bounds every text form inet_pton reads (the longest
	 * is an IPv6 address with an IPv4 tail); a longer text is no address. */
	char copy[INET6_ADDRSTRLEN];
	unsigned char bytes[16];
	if (len == 0 || len >= sizeof(copy) || memchr(text, '\0', len))
		return ADDRESS_INVALID;
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (inet_pton(AF_INET, copy, bytes) == 1)
		return ADDRESS_IPV4;
	return inet_pton(AF_INET6, copy, bytes) == 1 ? ADDRESS_IPV6 : ADDRESS_INVALID;
}

static bool label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool address_dns_name(const char *text, size_t len)
{
	if (len == 0 || len > 253)
		return false;
	size_t label = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || text[i] == '.') {
			if (label == 0 || label > 63 || !label_char(text[i - 1]))
				return false;
			label = 0;
			continue;
		}
		if (!label_char(text[i]) && (text[i] != '-' || label == 0))
			return false;
		label++;
	}
	return true;
}

enum address_kind address_classify(const char *text, size_t len)
{
	enum address_kind ip = address_ip(text, len);
	if (ip != ADDRESS_INVALID)
		return ip;
	return address_dns_name(text, len) ? ADDRESS_HOST_NAME : ADDRESS_INVALID;
}

bool address_dotted_quad(const char *text, size_t len, const char **problem)
{
	size_t pos = 0;
	const char *found = NULL;
	for (int part = 0; part < 4; part++) {
		if (part > 0 && (pos >= len || text[pos++] != '.'))
			return false;
		size_t from = pos;
		long value = 0;
		while (pos < len && text[pos] >= '0' && text[pos] <= '9') {
			if (pos - from < 4)
				value = value * 10 + (text[pos] - '0');
			pos++;
		}
		size_t digits = pos - from;
		if (digits == 0)
			return false;
		if (digits > 3 || value > 255)
			found = "an octet is over 255";
		else if (digits > 1 && text[from] == '0' && !found)
			found = "an octet has a leading zero";
	}
	if (pos != len)
		return false;
	*problem = found;
	return true;
}

static bool parse_port(const char *text, size_t len, long *port)
{
	if (len == 0 || len > 5)
		return false;
	long value = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		value = value * 10 + (text[i] - '0');
	}
	*port = value;
	return true;
}

bool address_parse_url(const char *text, size_t len, struct address_url *out)
{
	static const char scheme[] = "https://";
	size_t pos = len >= sizeof(scheme) - 1 && memcmp(text, scheme, sizeof(scheme) - 1) == 0 ? sizeof(scheme) - 1 : 0;
	size_t host_end;
	*out = (struct address_url){0};
	if (pos < len && text[pos] == '[') {
		const char *close = memchr(text + pos, ']', len - pos);
		if (!close)
			return false;
		out->host = pos + 1;
		out->host_len = (size_t)(close - text) - out->host;
		if (address_ip(text + out->host, out->host_len) != ADDRESS_IPV6)
			return false;
		out->kind = ADDRESS_IPV6;
		host_end = (size_t)(close - text) + 1;
	} else {
		const char *colon = memchr(text + pos, ':', len - pos);
		host_end = colon ? (size_t)(colon - text) : len;
		out->host = pos;
		out->host_len = host_end - pos;
		out->kind = address_classify(text + pos, out->host_len);
		if (out->kind == ADDRESS_INVALID || out->kind == ADDRESS_IPV6)
			return false;
	}
	if (host_end == len)
		return true;
	if (text[host_end] != ':')
		return false;
	out->has_port = true;
	return parse_port(text + host_end + 1, len - host_end - 1, &out->port);
}
