/* --explain-format markdown: the explanation as a Markdown document with a
 * Mermaid flowchart of how peers reach each component.
 *
 * Why: the third use of the program is reviewing renders in pull requests.
 * For a cluster behind a NAT a reviewer has to put together which public
 * address and port reaches which router rule, node port or load balancer and
 * Service; GitHub and GitLab draw Mermaid diagrams in Markdown, so a
 * pull-request comment can show it. It is written from the same plan, reach
 * and peering plan as the text explanation, so the two cannot disagree. */
#ifndef LS_EXPLAIN_MARKDOWN_H
#define LS_EXPLAIN_MARKDOWN_H

#include "buf.h"
#include "outcome.h"

/* Returns 0, or -1 when memory is exhausted. */
int explain_markdown_render(const struct outcome *run, struct buf *out);

/* Text escaped for a Mermaid label between double quotes, and for Markdown
 * prose or a table cell; exposed for the unit tests. */
int markdown_mermaid_label(struct buf *out, const char *text);
int markdown_text(struct buf *out, const char *text, size_t len);

#endif
