/* `liqo-scenario peering`: the declarative Liqo v1 peering of two clusters,
 * written as one file per cluster.
 *
 * Why a second command of the same program: the files are made from what
 * already decides each cluster's exposure (its profile cell, settings and
 * render), so the post-renderer's plan, reach and generation table are read
 * here as they are there, and the two cannot disagree. */
#ifndef LS_PEERING_CMD_H
#define LS_PEERING_CMD_H

/* argv[0] is "peering". Returns the exit code; the error, if any, is on
 * stderr, and nothing is written then. */
int peering_main(int argc, char **argv);

#endif
