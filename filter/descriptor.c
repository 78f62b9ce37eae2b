/* See descriptor.h. */
#include "descriptor.h"

#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

int descriptor_wait(int fd, short events)
{
	struct pollfd ready = {.fd = fd, .events = events};
	return poll(&ready, 1, -1) < 0 && errno != EINTR ? -1 : 0;
}

enum { IOVECS_PER_WRITE = 64 };

int descriptor_write_all(int fd, const struct pieces *output)
{
	size_t index = 0, offset = 0;
	for (;;) {
		while (index < output->count && offset == output->items[index].len)
			index++, offset = 0;
		if (index == output->count)
			return 0;
		struct iovec batch[IOVECS_PER_WRITE];
		int n = 0;
		for (size_t i = index; i < output->count && n < IOVECS_PER_WRITE; i++, n++) {
			size_t skip = i == index ? offset : 0;
			batch[n] = (struct iovec){(char *)output->items[i].data + skip, output->items[i].len - skip};
		}
		ssize_t written = writev(fd, batch, n);
		if (written < 0 && errno == EINTR)
			continue;
		if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (descriptor_wait(fd, POLLOUT) < 0)
				return -1;
			continue;
		}
		if (written <= 0)
			return -1;
		size_t left = (size_t)written;
		while (left > 0 && left >= output->items[index].len - offset) {
			left -= output->items[index].len - offset;
			index++;
			offset = 0;
		}
		offset += left;
	}
}

