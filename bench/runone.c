/* Times one run of a command with its standard input from a file and its
 * output discarded; prints "milliseconds peak-RSS-KiB". A small parent keeps
 * the measured peak memory the child's own (a large parent's pages would
 * count until exec). Usage: runone INPUT COMMAND [ARG...] */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t pid = fork();
	if (pid == 0) {
		int in = open(argv[1], O_RDONLY), out = open("/dev/null", O_WRONLY);
		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0)
			_exit(127);
		execv(argv[2], argv + 2);
		_exit(127);
	}
	int status;
	struct rusage usage;
	if (pid < 0 || wait4(pid, &status, 0, &usage) < 0)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &end);
	double ms = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
	printf("%.4f %ld\n", ms, usage.ru_maxrss);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
