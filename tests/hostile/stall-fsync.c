/* A preloaded stand-in for fsync that holds the process in the middle of
 * writing -o's temporary file, so that a test can act in that window (send
 * a signal, move the folder) instead of hoping to hit it: the first fsync
 * creates the file LS_STALL_MARK names, waits (at most 30 s) until the test
 * removes it, then syncs as fsync would. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int fsync(int fd)
{
	static int stalled;
	const char *mark = getenv("LS_STALL_MARK");
	if (mark && !stalled) {
		stalled = 1;
		int made = open(mark, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (made >= 0)
			close(made);
		for (int i = 0; i < 3000 && access(mark, F_OK) == 0; i++)
			nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	}
	return (int)syscall(SYS_fsync, fd);
}
