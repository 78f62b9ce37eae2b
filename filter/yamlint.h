/* A plain scalar read as a number the way Kubernetes reads manifests.
 *
 * Why: the API server gets YAML through sigs.k8s.io/yaml, which decodes it
 * with go-yaml v2 (YAML 1.1 rules) before converting it to JSON. There a
 * plain `0x7EBB`, `077273`, `0o77273`, `0b111111010111011`, `+32443`,
 * `32_443` and `32443.0` are all 32443: go-yaml v2's resolver drops every
 * `_`, then tries Go's strconv.ParseInt with base 0 (sign, 0x, 0o, 0b and
 * leading-0 octal), then a float (which the JSON step writes as an integer
 * when it is one). A check that reads digits only would miss a node port
 * another Service holds. A quoted scalar is a string there, never a number. */
#ifndef LS_YAMLINT_H
#define LS_YAMLINT_H

#include <stdbool.h>
#include <stddef.h>

/* *out gets the integer that len bytes of plain text stand for; false when
 * they are no number, or no integer, or outside what a long holds. */
bool yaml_k8s_integer(const char *text, size_t len, long *out);

#endif
