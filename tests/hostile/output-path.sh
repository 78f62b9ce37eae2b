#!/usr/bin/env bash
# What -o does to what it finds at its path: a device, a FIFO or a socket is
# written to and stays what it was; a symbolic link (or a chain of them) stays
# a link and its target is replaced; a replaced file keeps its mode and owner;
# a new file gets 0666 less the umask; on an error nothing is left behind.
# /dev/stdout and the other names in /proc are written as the descriptor
# they stand for; ACLs and extended attributes stay; a signal or a moved
# folder during the write leaves no temporary file (the preloaded library,
# second argument, holds the run inside the write); --report never lands on
# the manifests. Making a device and giving a file away need root:
# elsewhere the test skips with a message, and fails under CI=true, where
# it must run.
set -u
binary=$(realpath "$1")
stall=${2:-}
input=$(realpath "$(dirname "$0")/../golden/inputs/helm3-v0.10.yaml")
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
# A write the file size limit stops: exit 4, the old file kept, nothing beside it.
mkdir "$work/limited"
echo old > "$work/limited/out.yaml"
( ulimit -f 1; run -o "$work/limited/out.yaml" ) 2> "$work/err"
check "file size limit: exit 4" test $? -eq 4
check "file size limit: says why" grep -q "^liqo-scenario: -o .*: write failed: File too large" "$work/err"
check "file size limit: the old file kept, no temporary file" eval \
  'test "$(cat "$work/limited/out.yaml")" = old && only "$work/limited" out.yaml'
# A failed run leaves the target of a link as it was.
echo kept > "$work/errors/kept.yaml"
ln -s kept.yaml "$work/errors/to-kept"
run -o "$work/errors/to-kept" --max-documents 2 2> /dev/null
check "failed run through a link: exit 3" test $? -eq 3
check "failed run through a link: target kept" test "$(cat "$work/errors/kept.yaml")" = kept

# /dev/stdout and /proc/self/fd/N are standard output (or descriptor N) as
# the caller set it up: `>>` appends, `>` gives the file just the output, a
# pipe gets it all, and nothing is made beside the file.
mkdir "$work/stdout"
echo "kept line" > "$work/stdout/log"
run -o /dev/stdout >> "$work/stdout/log"
check "-o /dev/stdout >> log: exit 0" test $? -eq 0
check "-o /dev/stdout >> log: appended after what was there" \
  cmp -s "$work/stdout/log" <(echo "kept line"; cat "$want")
check "-o /dev/stdout >> log: nothing beside it" only "$work/stdout" log
run -o /proc/self/fd/1 >> "$work/stdout/log"
check "-o /proc/self/fd/1 >> log: appended again" \
  cmp -s "$work/stdout/log" <(echo "kept line"; cat "$want" "$want")
{ echo "first"; run -o /dev/stdout; echo "last"; } > "$work/stdout/sequence"
check "-o /dev/stdout inside a redirected group: in order, at the shell's offset" \
  cmp -s "$work/stdout/sequence" <(echo first; cat "$want"; echo last)
check "-o /dev/stdout to a pipe: every byte" eval 'run -o /dev/stdout | cmp -s - "$want"'
# A file deleted while open stays the file written; nothing named after it appears.
(
  exec 3> "$work/stdout/deleted"
  rm "$work/stdout/deleted"
  run -o /proc/self/fd/3 && cmp -s "/proc/$BASHPID/fd/3" "$want"
)
check "-o /proc/self/fd/3 to a deleted file: written through the descriptor" test $? -eq 0
check "-o /proc/self/fd/3 to a deleted file: nothing made" only "$work/stdout" log sequence
# Standard output closed: a failed open, nothing made anywhere.
run -o /dev/stdout >&- 2> "$work/err"
check "-o /dev/stdout, standard output closed: exit 4" test $? -eq 4
check "-o /dev/stdout, standard output closed: says so" grep -q "^liqo-scenario: -o /dev/stdout: cannot open: No such file or directory$" "$work/err"
# A descriptor on standard error too.
run -o /dev/stderr 2> "$work/stdout/err-copy" > /dev/null
check "-o /dev/stderr: standard error got the output" cmp -s "$want" "$work/stdout/err-copy"
rm "$work/stdout/err-copy"

# ACLs and extended attributes stay; the group gains nothing.
mkdir "$work/acl"
echo old > "$work/acl/shared.yaml"
chmod 640 "$work/acl/shared.yaml"
if setfacl -m u:65534:rw "$work/acl/shared.yaml" 2> /dev/null &&
   setfattr -n user.origin -v gitops "$work/acl/shared.yaml" 2> /dev/null; then
  acl_before=$(getfacl -cp "$work/acl/shared.yaml")
  mode_before=$(mode "$work/acl/shared.yaml")
  check "ACL file: exit 0" run -o "$work/acl/shared.yaml"
  check "ACL file: replaced" cmp -s "$want" "$work/acl/shared.yaml"
  check "ACL file: the ACL kept" test "$(getfacl -cp "$work/acl/shared.yaml")" = "$acl_before"
  check "ACL file: the mode kept ($(mode "$work/acl/shared.yaml"), was $mode_before)" \
    test "$(mode "$work/acl/shared.yaml")" = "$mode_before"
  check "ACL file: the owning group cannot write" eval \
    'getfacl -cp "$work/acl/shared.yaml" | grep -qx "group::r--"'
  check "xattr: kept" test "$(getfattr --only-values -n user.origin "$work/acl/shared.yaml" 2>/dev/null)" = gitops
  check "ACL file: nothing beside it" only "$work/acl" shared.yaml
  # A file without an ACL in a folder with a default ACL stays without one.
  mkdir "$work/acl/default"
  echo old > "$work/acl/default/plain.yaml"
  chmod 644 "$work/acl/default/plain.yaml"
  setfacl -d -m u:65534:rwx "$work/acl/default"
  check "no ACL under a default ACL: exit 0" run -o "$work/acl/default/plain.yaml"
  check "no ACL under a default ACL: still none" eval \
    '! getfacl -cp "$work/acl/default/plain.yaml" 2>/dev/null | grep -q "^user:65534"'
  check "no ACL under a default ACL: mode 644" test "$(mode "$work/acl/default/plain.yaml")" = 644
  # A new file there gets what a shell's redirection would give it.
  : > "$work/acl/default/by-shell.yaml"
  run -o "$work/acl/default/by-program.yaml"
  check "new file under a default ACL: the ACL a redirection gets" test \
    "$(getfacl -cp "$work/acl/default/by-program.yaml")" = "$(getfacl -cp "$work/acl/default/by-shell.yaml")"
  check "new file under a default ACL: the mode a redirection gets" test \
    "$(mode "$work/acl/default/by-program.yaml")" = "$(mode "$work/acl/default/by-shell.yaml")"
  # An attribute the replacement cannot be given (security.capability, which
  # only a privileged process sets): the file is written in place, its inode
  # kept, rather than replaced without it. (The kernel itself drops the
  # capability on a write by an unprivileged process.)
  mkdir "$work/acl/unprivileged"
  echo old > "$work/acl/unprivileged/capable.yaml"
  chown -R 65534:65534 "$work/acl/unprivileged"
  chmod 755 "$work"
  if setfattr -n security.capability -v 0x0000000200040000000000000000000000000000 \
       "$work/acl/unprivileged/capable.yaml" 2> /dev/null; then
    inode=$(stat -c %i "$work/acl/unprivileged/capable.yaml")
    setpriv --reuid=65534 --regid=65534 --clear-groups "$binary" --profile on-prem-to-on-prem \
      -o "$work/acl/unprivileged/capable.yaml" "$input"
    check "attribute that cannot be kept: exit 0" test $? -eq 0
    check "attribute that cannot be kept: written" cmp -s "$want" "$work/acl/unprivileged/capable.yaml"
    check "attribute that cannot be kept: written in place" test "$(stat -c %i "$work/acl/unprivileged/capable.yaml")" = "$inode"
    check "attribute that cannot be kept: nothing beside it" only "$work/acl/unprivileged" capable.yaml
  fi
else
  echo "SKIP: no ACL or user xattr support on $(df --output=fstype "$work" | tail -1)"
  [ "${CI:-}" = true ] && { echo "FAIL: CI=true needs ACLs and extended attributes"; failed=$((failed + 1)); }
fi

# Any name the file system takes: the longest one, and odd characters.
mkdir "$work/names"
long=$(printf 'n%.0s' $(seq 250)).yaml
check "255-byte name, new: exit 0" run -o "$work/names/$long"
check "255-byte name, new: written" cmp -s "$want" "$work/names/$long"
check "255-byte name, replaced: exit 0" run -o "$work/names/$long"
for odd in $'new\nline.yaml' '-dash.yaml' 'sp ace *.yaml' 'ünï.yaml' '.hidden'; do
  ( cd "$work/names" && run -o "./$odd" ) > /dev/null
  check "name $(printf %q "$odd"): written" cmp -s "$want" "$work/names/$odd"
done
check "names: nothing beside them" only "$work/names" "$long" $'new\nline.yaml' '-dash.yaml' 'sp ace *.yaml' \
  'ünï.yaml' '.hidden'
( cd "$work/names" && run -o bare.yaml )
check "a name without a folder: written" cmp -s "$want" "$work/names/bare.yaml"

# --report and -o on one file, by any name, or --report on standard output
# while the manifests go there: refused before anything is written.
mkdir "$work/same"
refused() { # description, then the arguments; exit 2, says why, nothing made or changed
  local what=$1; shift
  local before; before=$(cd "$work/same" && ls -Al --time-style=+%s.%N | sort)
  ( cd "$work/same" && run "$@" ) > "$work/same-out" 2> "$work/same-err"
  local rc=$?
  check "$what: exit 2 ($rc)" test $rc -eq 2
  check "$what: says why" grep -q -e "same file" -e "is standard output" "$work/same-err"
  check "$what: nothing on stdout" test ! -s "$work/same-out"
  check "$what: nothing made or changed" test "$(cd "$work/same" && ls -Al --time-style=+%s.%N | sort)" = "$before"
}
refused "--report x -o ./x (new)" --report x.json -o ./x.json
echo old > "$work/same/file.yaml"
ln -s file.yaml "$work/same/symlink"
ln "$work/same/file.yaml" "$work/same/hardlink"
ln -s made.yaml "$work/same/dangling"
refused "--report through a symbolic link" --report symlink -o file.yaml
refused "--report through a hard link" --report hardlink -o file.yaml
refused "--report through a dangling link to -o's new file" --report dangling -o made.yaml
refused "--report ../same/x -o x (new)" --report ../same/x.json -o x.json
refused "--report /dev/stdout" --report /dev/stdout
refused "--report /proc/self/fd/1" --report /proc/self/fd/1
( cd "$work/same" && run --report file.yaml ) >> "$work/same/file.yaml" 2> "$work/same-err"
check "--report on the file standard output goes to: exit 2" test $? -eq 2
check "--report on the file standard output goes to: kept" test "$(cat "$work/same/file.yaml")" = old
run --report /dev/null > /dev/null
check "--report /dev/null with standard output on /dev/null: allowed" test $? -eq 0
run --report /dev/null -o /dev/./null
check "--report and -o both the null device: allowed" test $? -eq 0
run --check --report /dev/stdout > "$work/same-out" 2> /dev/null
check "--check --report /dev/stdout: the report on standard output" eval \
  'python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/same-out"'

# A signal during the write, or the folder moved meanwhile: the temporary
# file goes, the old file stays. The preloaded library holds the run in its
# fsync until the test removes the mark it makes.
if [ -n "$stall" ] && [ -f "$stall" ]; then
  stalled() { # folder, output name, then extra env arguments; starts the run, waits for the mark
    local dir=$1 name=$2; shift 2
    rm -f "$work/mark"
    env "$@" LS_STALL_MARK="$work/mark" LD_PRELOAD="$stall" \
      "$binary" --profile on-prem-to-on-prem -o "$dir/$name" "$input" 2> "$work/stall-err" &
    stalled_pid=$!
    for _ in $(seq 400); do [ -e "$work/mark" ] && return 0; sleep 0.05; done
    echo "FAIL: the run never reached its write"; return 1
  }
  for sig in TERM INT HUP; do
    mkdir -p "$work/signal-$sig"
    echo old > "$work/signal-$sig/out.yaml"
    if stalled "$work/signal-$sig" out.yaml --default-signal=$sig; then
      kill -$sig $stalled_pid
      sleep 0.2
      rm -f "$work/mark"
      wait $stalled_pid
      status=$?
      check "SIG$sig during the write: the run ends by it ($status)" test $status -eq $((128 + $(kill -l $sig)))
      check "SIG$sig during the write: no temporary file" only "$work/signal-$sig" out.yaml
      check "SIG$sig during the write: the old file kept" test "$(cat "$work/signal-$sig/out.yaml")" = old
    else
      failed=$((failed + 1))
    fi
  done
  # An ignored SIGHUP (nohup) does not stop the run.
  mkdir "$work/nohup"
  if stalled "$work/nohup" out.yaml --ignore-signal=HUP; then
    kill -HUP $stalled_pid
    rm -f "$work/mark"
    wait $stalled_pid
    check "ignored SIGHUP during the write: exit 0" test $? -eq 0
    check "ignored SIGHUP during the write: replaced" cmp -s "$want" "$work/nohup/out.yaml"
    check "ignored SIGHUP during the write: nothing beside it" only "$work/nohup" out.yaml
  fi
  mkdir -p "$work/moved/before"
  echo old > "$work/moved/before/out.yaml"
  if stalled "$work/moved/before" out.yaml; then
    mv "$work/moved/before" "$work/moved/after"
    rm -f "$work/mark"
    wait $stalled_pid
    check "folder moved during the write: exit 4" test $? -eq 4
    check "folder moved during the write: says so" grep -q "folder was moved" "$work/stall-err"
    check "folder moved during the write: no temporary file" only "$work/moved/after" out.yaml
    check "folder moved during the write: the old file kept" test "$(cat "$work/moved/after/out.yaml")" = old
  fi
else
  echo "FAIL: the stall library (second argument) is missing"; failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
