#!/usr/bin/env bash
# What -o does to what it finds at its path: a device, a FIFO or a socket is
# written to and stays what it was; a symbolic link (or a chain of them) stays
# a link and its target is replaced; a replaced file keeps its mode and owner;
# a new file gets 0666 less the umask; on an error nothing is left behind.
# Making a device and giving a file away need root: elsewhere the test skips
# with a message, and fails under CI=true, where it must run.
set -u
binary=$1
input=$(dirname "$0")/../golden/inputs/helm3-v0.10.yaml
if [ "$(id -u)" != 0 ]; then
  echo "SKIP: -o safety needs root (mknod, chown)"
  [ "${CI:-}" = true ] && { echo "FAIL: CI=true runs this test as root"; exit 1; }
  exit 77
fi
passed=0 failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
want=$work/want.yaml
"$binary" --profile on-prem-to-on-prem "$input" > "$want" || { echo "FAIL: the plain run failed"; exit 1; }
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $what"; fi
}
run() { "$binary" --profile on-prem-to-on-prem "$@" "$input"; }
# The folder holds only the names given (no temporary file left over).
only() { local dir=$1; shift; [ "$(cd "$dir" && ls -A | sort | tr '\n' ' ')" = "$(for n in "$@"; do echo "$n"; done | sort | tr '\n' ' ')" ]; }
mode() { stat -c %a "$1"; }

# A character device (the null device's numbers) is written to, not replaced.
mkdir "$work/dev"
mknod "$work/dev/null" c 1 3
check "device: exit 0" run -o "$work/dev/null"
check "device: still a character device" test -c "$work/dev/null"
check "device: nothing beside it" only "$work/dev" null
# A device that refuses the write (the full device) is a write error.
mknod "$work/dev/full" c 1 7
run -o "$work/dev/full" 2> "$work/err"
check "full device: exit 4" test $? -eq 4
check "full device: says why" grep -q "^liqo-scenario: -o .*/dev/full: write failed: No space left on device" "$work/err"
check "full device: still a device, nothing beside it" eval 'test -c "$work/dev/full" && only "$work/dev" null full'
# A link to a device writes through to the device.
ln -s null "$work/dev/link"
check "link to a device: exit 0" run -o "$work/dev/link"
check "link to a device: both stay" eval 'test -L "$work/dev/link" && test -c "$work/dev/null"'

# A FIFO with a reader gets every byte and stays a FIFO.
mkfifo "$work/fifo"
# (The reader gives up after a while: a binary that replaced the FIFO would
# leave it waiting for ever.)
timeout 20 cat "$work/fifo" > "$work/from-fifo" &
reader=$!
check "FIFO: exit 0" run -o "$work/fifo"
wait $reader
check "FIFO: the reader got the output" cmp -s "$want" "$work/from-fifo"
check "FIFO: still a FIFO" test -p "$work/fifo"

# A listening Unix socket gets every byte and stays a socket.
python3 - "$work/sock" "$work/from-sock" <<'EOF' &
import socket, sys
with socket.socket(socket.AF_UNIX) as server:
    server.bind(sys.argv[1]); server.listen(1); server.settimeout(20)
    open(sys.argv[1] + ".ready", "w").close()
    connection, _ = server.accept()
    with connection, open(sys.argv[2], "wb") as out:
        while chunk := connection.recv(65536):
            out.write(chunk)
EOF
listener=$!
for _ in $(seq 100); do [ -e "$work/sock.ready" ] && break; sleep 0.05; done
check "socket: exit 0" run -o "$work/sock"
wait $listener
check "socket: the listener got the output" cmp -s "$want" "$work/from-sock"
check "socket: still a socket" test -S "$work/sock"

# An existing 0600 file owned by someone else keeps its mode and owner.
mkdir "$work/files"
echo old > "$work/files/secret.yaml"
chmod 600 "$work/files/secret.yaml"
chown 65534:65534 "$work/files/secret.yaml"
check "0600 file: exit 0" run -o "$work/files/secret.yaml"
check "0600 file: replaced" cmp -s "$want" "$work/files/secret.yaml"
check "0600 file: mode kept ($(mode "$work/files/secret.yaml"))" test "$(mode "$work/files/secret.yaml")" = 600
check "0600 file: owner kept" test "$(stat -c %u:%g "$work/files/secret.yaml")" = 65534:65534
check "0600 file: nothing beside it" only "$work/files" secret.yaml
# A setgid, group-writable file keeps those bits.
echo old > "$work/files/shared.yaml"
chmod 2664 "$work/files/shared.yaml"
run -o "$work/files/shared.yaml"
check "2664 file: mode kept ($(mode "$work/files/shared.yaml"))" test "$(mode "$work/files/shared.yaml")" = 2664

# A new file gets 0666 less the umask.
for mask in 077 022 002; do
  ( umask $mask; run -o "$work/files/new-$mask.yaml" )
  check "new file under umask $mask: written" cmp -s "$want" "$work/files/new-$mask.yaml"
  check "new file under umask $mask: mode $(mode "$work/files/new-$mask.yaml")" \
    test "$(mode "$work/files/new-$mask.yaml")" = "$(printf '%o' $((0666 & ~0$mask)))"
done

# A chain of links across folders, relative and absolute: the links stay,
# the file at the end is replaced in its own folder.
mkdir -p "$work/chain/a" "$work/chain/b/c"
echo old > "$work/chain/b/c/target.yaml"
chmod 640 "$work/chain/b/c/target.yaml"
ln -s ../b/c/target.yaml "$work/chain/a/hop2"
ln -s "$work/chain/a/hop2" "$work/chain/hop1"
ln -s hop1 "$work/chain/start"
check "link chain: exit 0" run -o "$work/chain/start"
check "link chain: links stay links" eval 'test -L "$work/chain/start" && test -L "$work/chain/hop1" && test -L "$work/chain/a/hop2"'
check "link chain: the target replaced" cmp -s "$want" "$work/chain/b/c/target.yaml"
check "link chain: the target's mode kept" test "$(mode "$work/chain/b/c/target.yaml")" = 640
check "link chain: nothing left in any folder" eval 'only "$work/chain" a b hop1 start && only "$work/chain/a" hop2 && only "$work/chain/b/c" target.yaml'
# Through a link to another file system, the rename still works: the
# temporary file sits beside the target, not beside the link.
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$work")" ]; then
  other=$(mktemp -d /dev/shm/output-path.XXXXXX)
  echo old > "$other/far.yaml"
  ln -s "$other/far.yaml" "$work/far"
  check "link to another file system: exit 0" run -o "$work/far"
  check "link to another file system: replaced" cmp -s "$want" "$other/far.yaml"
  check "link to another file system: still a link" test -L "$work/far"
  check "link to another file system: nothing left" only "$other" far.yaml
  rm -rf "$other"
fi

# A dangling link names the file to create; the link stays.
mkdir "$work/dangling"
ln -s made.yaml "$work/dangling/link"
( umask 027; run -o "$work/dangling/link" )
check "dangling link: the file it names created" cmp -s "$want" "$work/dangling/made.yaml"
check "dangling link: still a link" test -L "$work/dangling/link"
check "dangling link: new file mode 640" test "$(mode "$work/dangling/made.yaml")" = 640

# Errors: exit 4, the message names -o, nothing is left behind.
mkdir "$work/errors"
ln -s loop-b "$work/errors/loop-a"
ln -s loop-a "$work/errors/loop-b"
run -o "$work/errors/loop-a" 2> "$work/err"
check "link loop: exit 4" test $? -eq 4
check "link loop: says why" grep -q "^liqo-scenario: -o .*: Too many levels of symbolic links" "$work/err"
ln -s missing/folder/x.yaml "$work/errors/nowhere"
run -o "$work/errors/nowhere" 2> "$work/err"
check "link into a missing folder: exit 4" test $? -eq 4
mkdir "$work/errors/folder"
run -o "$work/errors/folder" 2> "$work/err"
check "a folder: exit 4" test $? -eq 4
check "errors: nothing left behind" only "$work/errors" loop-a loop-b nowhere folder
check "a folder: left empty" only "$work/errors/folder"
# A failed run leaves the target of a link as it was.
echo kept > "$work/errors/kept.yaml"
ln -s kept.yaml "$work/errors/to-kept"
run -o "$work/errors/to-kept" --max-documents 2 2> /dev/null
check "failed run through a link: exit 3" test $? -eq 3
check "failed run through a link: target kept" test "$(cat "$work/errors/kept.yaml")" = kept

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
