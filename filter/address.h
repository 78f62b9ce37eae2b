/* Addresses and host names, as every flag and config value that names one
 * is read.
 *
 * Why one parser: an address written into a manifest is what a peer cluster
 * dials, so all of them are read by the same rules: IP addresses by the C
 * library's inet_pton (the text form the system itself reads, no pattern
 * that could accept `:::` or a final newline), host names by RFC 1123 as
 * Kubernetes narrows it (a lowercase DNS subdomain). Texts are given with
 * their length: nothing may follow the address, not even a line ending. */
#ifndef LS_ADDRESS_H
#define LS_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

enum address_kind { ADDRESS_INVALID, ADDRESS_IPV4, ADDRESS_IPV6, ADDRESS_HOST_NAME };

/* An IPv4 or IPv6 address (no brackets, no zone), or ADDRESS_INVALID. */
enum address_kind address_ip(const char *text, size_t len);
/* A DNS subdomain as Kubernetes names objects and hosts (RFC 1123 labels of
 * lowercase letters, digits and '-', at most 63 bytes each, 253 in all). */
bool address_dns_name(const char *text, size_t len);
/* An IP address or a host name; ADDRESS_INVALID for anything else. */
enum address_kind address_classify(const char *text, size_t len);
/* Four dot-separated runs of digits, which read as a DNS name but that
 * nobody means as one. *problem gets NULL when it is an IPv4 address, else
 * what is wrong with it ("an octet is over 255", "an octet has a leading
 * zero": inet_pton reads no octal). */
bool address_dotted_quad(const char *text, size_t len, const char **problem);

/* [https://]HOST[:PORT], HOST an IPv4 address, an IPv6 one in brackets or a
 * host name. */
struct address_url {
	enum address_kind kind;
	size_t host, host_len; /* the host's bytes, without brackets */
	bool has_port;
	long port; /* as written, 0 to 99999; the caller checks the range */
};
bool address_parse_url(const char *text, size_t len, struct address_url *out);

#endif
