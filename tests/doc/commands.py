#!/usr/bin/python3
"""Runs every shell command of README.md and doc/*.md, the way jq tests its
manual. The rules (doc/development.md, "Commands in the documentation"):

- Shell commands are written in ```sh blocks; a fenced block is sh, text,
  yaml or json, nothing else, so no command hides in another kind of block.
- A ```yaml block whose first line is `# file: PATH` is written to PATH
  before the blocks after it run.
- Each ```sh block runs with bash (-e, -o pipefail) in one scratch copy of
  the sources, README.md first, then doc/*.md by name, blocks in page order
  (so the README's build in build/ serves the later pages), with the built
  liqo-scenario on PATH, the real Helm 3 as `helm` and `helm3` and the real
  Helm 4 as `helm4` (as `helm` too where the block's first line starts with
  `# Helm 4`). `helm install` and `helm upgrade` run with --dry-run=client
  against the loopback stand-in API server (tests/e2e/fake-apiserver.py);
  the Liqo chart repository https://helm.liqo.io/ is a loopback one serving
  the real v1.2.0 and v0.10.3 charts (../shared/liqo-chart-src); the
  package's /usr/lib/liqo-scenario is a scratch `cmake --install`.
- A ```text block right after a ```sh block (blank lines between) is that
  block's output, standard output and error together, compared exactly.
- A block whose first line is `# needs: WHAT` (a cluster, root, the network,
  the test suite itself) is not run: it must pass `bash -n`, and each
  liqo-scenario invocation in it, and each Helm --post-renderer-args list,
  must be accepted by liqo-scenario's option parser.
- Every `--flag` the pages name must be one of liqo-scenario's options (or
  a Helm, liqoctl, cmake or ctest flag the page shows in a command), and
  every option of the program must be named in doc/reference.md; every
  relative link must name a file that exists.

Usage: commands.py BINARY BUILD_DIR SOURCE_DIR [SHARED_DIR]
Without the reference data (SHARED_DIR, default ../shared) or the Helm
binaries the static checks still run and the blocks are not: the test then
exits 77, skipped, when the static checks pass (a failure when CI=true)."""
import difflib
import glob
import http.server
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading

FENCE = re.compile(r"^\s*```(\S*)\s*$")
LANGUAGES = {"sh", "text", "yaml", "json"}
PYTHON = "/usr/bin/python3"


class Block:
    def __init__(self, page, line, lang, text):
        self.page, self.line, self.lang, self.text = page, line, lang, text
        self.expected = None

    def where(self):
        return f"{os.path.basename(self.page)}:{self.line}"

    def first_line(self):
        return self.text.split("\n", 1)[0]


def blocks_of(page, failures):
    blocks, current, lines = [], None, open(page, encoding="utf-8").read().split("\n")
    for number, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if current is None and m:
            if m.group(1) not in LANGUAGES:
                failures.append(f"{os.path.basename(page)}:{number}: a ```{m.group(1)} block: "
                                f"write commands in ```sh blocks, output in ```text ones")
            current = Block(page, number, m.group(1), [])
            current.indent = len(line) - len(line.lstrip())
        elif current is not None and line.lstrip().startswith("```"):
            current.text = "\n".join(current.text) + "\n"
            current.end = number
            blocks.append(current)
            current = None
        elif current is not None:
            current.text.append(line[current.indent:] if line[:current.indent].isspace() else line)
    # A text block right after an sh block is its expected output.
    for before, after in zip(blocks, blocks[1:]):
        between = lines[before.end:after.line - 1]
        if before.lang == "sh" and after.lang == "text" and all(not x.strip() for x in between):
            before.expected = after.text
    return blocks


def program_options(binary):
    """The options of both commands: the post-renderer's and peering's."""
    options = set()
    for command in ([binary, "--help"], [binary, "peering", "--help"]):
        help_text = subprocess.run(command, capture_output=True, text=True).stdout
        options |= set(re.findall(r"^  --([a-z-]+)", help_text, re.M))
    return options


def commands_in(script):
    """The simple commands of a script, as word lists: continued lines joined,
    split at pipes, &&, || and ;, each without its leading assignments."""
    joined = re.sub(r"\\\n", " ", script)
    out = []
    for line in joined.split("\n"):
        line = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        for part in re.split(r"\|\||&&|[|;]", line):
            try:
                words = shlex.split(part)
            except ValueError:
                continue
            while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
                words = words[1:]
            if words:
                out.append(words)
    return out


def without_redirections(words):
    out, skip = [], False
    for w in words:
        if skip:
            skip = False
        elif re.match(r"^[0-9]*[<>]+&?[0-9]*$", w):
            skip = not w.endswith("&1") and not w.endswith("&2")
        elif not re.match(r"^[0-9]*[<>]", w):
            out.append(w)
    return out


def filter_invocations(script):
    """Argument lists for liqo-scenario: its own invocations, and the
    --post-renderer-args of Helm commands."""
    for words in commands_in(script):
        words = without_redirections(words)
        if words and words[0] == "liqo-scenario":
            yield words[1:]
        elif words and words[0] in ("helm", "helm3", "helm4"):
            args = [words[i + 1] for i, w in enumerate(words[:-1]) if w == "--post-renderer-args"]
            args += [w.split("=", 1)[1] for w in words if w.startswith("--post-renderer-args=")]
            if args:
                yield args


def check_parses(binary, args, where, failures):
    """The option parser accepts the arguments (--help stops before any run;
    a shell variable stands in as a number, which every kind of value takes)."""
    args = [re.sub(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?", "1", a) for a in args]
    # A --config file is read before --help stops the run: its name is
    # checked as the option it is, its contents are not there to read.
    while "--config" in args[:-1]:
        i = args.index("--config")
        args = args[:i] + args[i + 2:]
    args = [a for a in args if not a.startswith("--config=")]
    proc = subprocess.run([binary] + args + ["--help"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        failures.append(f"{where}: liqo-scenario {' '.join(args)}: {proc.stderr.strip()}")


def prose_of(page):
    """The page without its fenced blocks: what it says, not what it shows."""
    return re.sub(r"(?ms)^\s*```\S*\s*$.*?^\s*```\s*$", "", open(page, encoding="utf-8").read())


def static_checks(binary, pages, failures):
    options = program_options(binary)
    shown = set()  # flags of the commands the pages show
    named = {}
    for page in pages:
        for b in blocks_of(page, failures):
            if b.lang != "sh":
                continue
            proc = subprocess.run(["bash", "-n"], input=b.text, capture_output=True, text=True)
            if proc.returncode != 0:
                failures.append(f"{b.where()}: bash -n: {proc.stderr.strip()}")
            run = not b.first_line().startswith("# needs:")
            for words in commands_in(b.text):
                for w in words:
                    w = w.lstrip("[")  # an optional flag of a synopsis: [--flag ...]
                    if w.startswith("--") and (run or words[0] != "liqo-scenario"):
                        shown.add(w[2:].split("=", 1)[0])
            if not run:
                for args in filter_invocations(b.text):
                    check_parses(binary, args, b.where(), failures)
                for args in filter_invocations(b.text):
                    for w in args:
                        if w.startswith("--"):
                            named.setdefault(w[2:].split("=", 1)[0], page)
        for flag in re.findall(r"(?<![\w-])--([a-z][a-z0-9-]*)", prose_of(page)):
            named.setdefault(flag, page)
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", prose_of(page)):
            if not os.path.exists(os.path.join(os.path.dirname(page), target)):
                failures.append(f"{os.path.basename(page)}: links to {target}, which does not exist")
    for flag, page in sorted(named.items()):
        if flag not in options and flag not in shown and flag not in FOREIGN_FLAGS:
            failures.append(f"{os.path.basename(page)}: names --{flag}, which is no liqo-scenario option "
                            f"and no flag of a command the pages show")
    reference = open(os.path.join(os.path.dirname(pages[-1]), "reference.md"), encoding="utf-8").read()
    for option in sorted(options):
        if not re.search(r"--" + re.escape(option) + r"(?![\w-])", reference):
            failures.append(f"reference.md: does not name --{option}")


# Flags of other programs that the pages name in prose only (liqoctl's, the
# API server's, Helm's), checked against nothing but this list.
FOREIGN_FLAGS = {
    "gw-server-service-type", "gw-server-service-nodeport", "gw-client-address", "gw-client-port",
    "gw-server-service-location", "gw-server-service-loadbalancerip", "gw-server-service-port", "in-band", "kubeconfig", "remote-kubeconfig",
    "enable-tls", "advertise-api-server-address", "api-server-address-override", "auth-service-address-override",
    "auth-service-port-override", "advertise-api-server-trusted-ca", "enable-ssl-passthrough", "service-node-port-range",
    "apiserver-cert-extra-sans", "tls-san", "post-renderer", "post-renderer-args", "dry-run", "verify", "sign", "key",
    "set", "namespace", "version", "create-namespace", "disable-openapi-validation", "regenerate", "prefix",
    "test-dir", "build", "install", "output-on-failure",
    "flag",  # the placeholder of "--flag value"
    "aws-", "max-",  # --aws-* (the chart's EKS arguments), --max-* (the limits)
    "ca-override", "trusted-ca", "global-labels", "mtu", "networking-disabled",
    # Liqo's component arguments that the provider presets write
    "aws-access-key-id", "cluster-labels", "enable-api-server-ip-remapping", "enable-nft-monitor",
    "fabric-full-masquerade-enabled", "gateway-masquerade-bypass-enabled", "pools",
    "from-literal",  # kubectl create secret
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: QuietHandler(*a, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


WRAPPER = """#!/bin/bash
# helm{major} as the documentation's commands meet it (see tests/doc/commands.py).
args=()
for a in "$@"; do
  a=${{a//https:\\/\\/helm.liqo.io\\//{repo}/}}
  a=${{a//\\/usr\\/lib\\/liqo-scenario/{prefix}\\/lib\\/liqo-scenario}}
  args+=("$a")
done
[ -n "${{HELM_PLUGINS:-}}" ] && export HELM_PLUGINS=${{HELM_PLUGINS//\\/usr\\/lib\\/liqo-scenario/{prefix}\\/lib\\/liqo-scenario}}
extra=()
case "${{args[0]:-}}" in
  install|upgrade) extra=(--dry-run=client); [ {major} = 3 ] && extra+=(--disable-openapi-validation) ;;
esac
exec {real} "${{args[@]}}" "${{extra[@]}}"
"""

HELM = """#!/bin/bash
exec "$(dirname "$0")/helm${LIQO_DOC_HELM:-3}" "$@"
"""


def environment(binary, build_dir, source, shared, helm_dir, work):
    prefix = os.path.join(work, "usr")
    subprocess.run(["cmake", "--install", build_dir, "--prefix", prefix], check=True, capture_output=True)
    charts = os.path.join(work, "charts")
    os.makedirs(charts)
    plain = []
    for version in ("v1.2.0", "v0.10.3"):
        unpacked = os.path.join(work, "src-" + version)
        os.makedirs(unpacked)
        subprocess.run(["tar", "-xzf", os.path.join(shared, "liqo-chart-src", f"liqo-{version}.tgz"), "-C", unpacked],
                       check=True)
        chart = os.path.join(unpacked, "deployments", "liqo")
        subprocess.run([os.path.join(helm_dir, "helm3"), "package", chart, "--version", version, "--app-version",
                        version, "-d", charts], check=True, capture_output=True, env=helm_home(work, "package"))
        values = ["--set", "discovery.config.clusterName=cluster-a"] if version.startswith("v0") else []
        packaged = os.path.join(charts, f"liqo-{version}.tgz")
        plain.append(subprocess.run([os.path.join(helm_dir, "helm3"), "template", "liqo", packaged] + values,
                                    check=True, capture_output=True, text=True, env=helm_home(work, "package")).stdout)
    subprocess.run([os.path.join(helm_dir, "helm3"), "repo", "index", charts], check=True,
                   env=helm_home(work, "package"))
    repo = serve(charts)
    with open(os.path.join(work, "plain.yaml"), "w") as f:
        f.write("\n---\n".join(plain))
    portfile = os.path.join(work, "port")
    apiserver = subprocess.Popen([PYTHON, os.path.join(source, "tests", "e2e", "fake-apiserver.py"), portfile,
                                  os.path.join(work, "plain.yaml")])
    for _ in range(100):
        if os.path.exists(portfile) and open(portfile).read():
            break
        threading.Event().wait(0.1)
    kubeconfig = os.path.join(work, "kubeconfig")
    with open(kubeconfig, "w") as f:
        f.write(f"""apiVersion: v1
kind: Config
clusters: [{{name: fake, cluster: {{server: "http://127.0.0.1:{open(portfile).read()}"}}}}]
contexts: [{{name: fake, context: {{cluster: fake, user: fake, namespace: liqo}}}}]
current-context: fake
users: [{{name: fake, user: {{}}}}]
""")
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir)
    os.symlink(binary, os.path.join(bindir, "liqo-scenario"))
    for major in (3, 4):
        path = os.path.join(bindir, f"helm{major}")
        with open(path, "w") as f:
            f.write(WRAPPER.format(major=major, real=os.path.join(helm_dir, f"helm{major}"),
                                   repo=f"http://127.0.0.1:{repo.server_address[1]}", prefix=prefix))
        os.chmod(path, 0o755)
    with open(os.path.join(bindir, "helm"), "w") as f:
        f.write(HELM)
    os.chmod(os.path.join(bindir, "helm"), 0o755)
    env = {"PATH": bindir + ":" + os.environ["PATH"], "KUBECONFIG": kubeconfig, "LANG": "C.UTF-8",
           "HELM4": os.path.join(helm_dir, "helm4"), "LIQO_SCENARIO_HELM_CACHE": helm_dir}
    return env, apiserver, repo


def helm_home(work, name):
    home = os.path.join(work, "helm-" + name)
    return dict(os.environ, HELM_CONFIG_HOME=home + "/config", HELM_DATA_HOME=home + "/data",
                HELM_CACHE_HOME=home + "/cache")


def copy_sources(source, target):
    """The source tree without its build folders (build*/ at the top), .git
    and dist/."""
    def ignore(folder, names):
        if os.path.abspath(folder) != os.path.abspath(source):
            return []
        return [n for n in names if n in (".git", "dist") or
                (n.startswith("build") and os.path.isdir(os.path.join(folder, n)))]
    shutil.copytree(source, target, ignore=ignore, symlinks=True)


def run_page(page, env, scratch, failures):
    ran = 0
    for b in blocks_of(page, []):
        if b.lang == "yaml" and b.first_line().startswith("# file: "):
            path = os.path.join(scratch, b.first_line()[len("# file: "):].strip())
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(b.text)
            continue
        if b.lang != "sh" or b.first_line().startswith("# needs:"):
            continue
        block_env = dict(env)
        if b.first_line().startswith("# Helm 4"):
            block_env["LIQO_DOC_HELM"] = "4"
        proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", b.text], cwd=scratch, env=block_env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
        ran += 1
        if proc.returncode != 0:
            failures.append(f"{b.where()}: exit {proc.returncode}:\n{b.text}{proc.stdout[-2000:]}")
        elif b.expected is not None and proc.stdout != b.expected:
            diff = difflib.unified_diff(b.expected.splitlines(True), proc.stdout.splitlines(True),
                                        "documented", "printed")
            failures.append(f"{b.where()}: output differs from the page:\n{''.join(diff)}")
    return ran


def main():
    binary, build_dir, source = (os.path.abspath(a) for a in sys.argv[1:4])
    shared = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else os.path.join(source, "..", "shared")
    pages = [os.path.join(source, "README.md")] + sorted(glob.glob(os.path.join(source, "doc", "*.md")))
    failures = []
    static_checks(binary, pages, failures)
    helm = subprocess.run(["bash", os.path.join(source, "tests", "e2e", "get-helm.sh")], capture_output=True,
                          text=True)
    reason = None
    if not os.path.isdir(os.path.join(shared, "liqo-chart-src")):
        reason = f"{shared} has no chart sources"
    elif helm.returncode != 0:
        reason = "no Helm binaries and no npm to fetch them"
    ran = 0
    if reason and os.environ.get("CI") == "true":
        failures.append(f"{reason} and CI=true")
    elif reason:
        print(f"SKIP running the blocks: {reason}; static checks only")
    else:
        work = tempfile.mkdtemp()
        apiserver = repo = None
        try:
            env, apiserver, repo = environment(binary, build_dir, source, shared, helm.stdout.strip(), work)
            scratch = os.path.join(work, "src")
            copy_sources(source, scratch)
            env["HOME"] = os.path.join(work, "home")
            os.makedirs(env["HOME"])
            for page in pages:
                ran += run_page(page, env, scratch, failures)
        finally:
            if apiserver:
                apiserver.kill()
            if repo:
                repo.shutdown()
            shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL", f)
    print(f"{len(pages)} pages, {ran} blocks run, {len(failures)} failed")
    if failures:
        return 1
    return 77 if reason else 0


if __name__ == "__main__":
    sys.exit(main())
