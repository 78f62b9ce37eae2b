/* Writing every byte to a descriptor, and waiting on one.
 *
 * Why: standard input and output may have been left non-blocking by whoever
 * started the program (Node-based CI runners do that), and a pipe or a
 * socket takes a write in parts; the output is only written when every byte
 * of every piece went out, in order, and EAGAIN means waiting, not failing. */
#ifndef LS_DESCRIPTOR_H
#define LS_DESCRIPTOR_H

#include <poll.h>

#include "splice.h"

/* Waits until fd is ready for events (POLLIN, POLLOUT); 0, or -1 with errno. */
int descriptor_wait(int fd, short events);
/* One gathering write per batch of pieces, a short write resumed inside the
 * piece where it stopped; 0, or -1 with errno. */
int descriptor_write_all(int fd, const struct pieces *output);

#endif
