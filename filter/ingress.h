/* Ingress documents the scenarios add.
 *
 * Why generated text rather than a template file: the document must follow the
 * input's style (Helm 3's chart indentation or Helm 4's compact lists), the
 * Liqo release's way of naming the class, and the labels of the Service it
 * fronts; a few lines of writer cover those without a template language. */
#ifndef LS_INGRESS_H
#define LS_INGRESS_H

#include <stdbool.h>

#include "yamledit.h"

enum { INGRESS_MAX_ANNOTATIONS = 4 };

#define CERT_MANAGER_ISSUER "cert-manager.io/cluster-issuer"

struct ingress_spec {
	const char *name;
	const char *namespace_name;        /* NULL: the release's namespace */
	const char *input;                 /* labels are copied from here */
	const struct ynode *labels;        /* the Service's labels, may be NULL */
	const char *const *label_keys;     /* which of them, NULL-terminated */
	const char *helm4_filename;        /* NULL unless the input is Helm 4's */
	const char *ingress_class;         /* may be NULL */
	bool class_field;                  /* spec.ingressClassName, else annotation */
	struct kv annotations[INGRESS_MAX_ANNOTATIONS]; /* never carried from the input as well */
	/* Annotations of an Ingress this one replaces: copied as written, but
	 * for the keys in skip_annotations (NULL-terminated), whose values the
	 * writer derives itself. May be NULL. */
	const struct ynode *carry_annotations;
	const char *const *skip_annotations;
	const char *host;
	const char *service;
	long port;
	const char *tls_secret;            /* NULL: no TLS section (passthrough) */
	bool compact_lists;                /* list items at their key's indentation */
	const char *eol;
};

/* Appends the document body (from apiVersion on) to out. */
int ingress_render(const struct ingress_spec *spec, struct buf *out);

#endif
