"""YAML shapes around the places where the filter adds lines, as generated
cases: each is (name, input text, args, check), check(objects) returning
what is wrong with the output's objects (None when nothing is).

The shapes: a | or > scalar (every chomping indicator, with and without an
indentation indicator, followed by nothing, blank lines or blank lines with
spaces) as the last item of the arguments the scenario appends to and as the
last annotation before the annotations it adds, as the last value of a
container that gets its args list, of metadata that gets its annotations
and of the port that gets its nodePort, in LF and CRLF files; an
explicit key (`? k` / `: v`) as the last annotation; a ports entry written
as a multi-line flow mapping with comments, from which the scenario removes
the nodePort (the comments must all be in the output); a nodePort written
as text or in another integer spelling under a pin. Read by run.py (the
output means what the input meant, plus the scenario's additions) and by
tests/ownership/accepted.py (Kubernetes accepts it). check gets the output's
objects and its text."""
import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
# A small v0.10 render; its Deployments get the selector the schema requires.
BASE = open(os.path.join(HERE, "../golden/inputs/helm3-v0.10.yaml")).read().replace(
    "spec:\n  template:\n", "spec:\n  selector:\n    matchLabels:\n      app: liqo\n  template:\n")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PUBLIC_IP = ["--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "public-ip",
             "--api-server-address", "https://198.51.100.7:6443"]
NAT_B = ["--profile", "on-prem-nat-to-cloud", "--cluster", "b"]
NAT = ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
       "--auth-node-port", "32443", "--auth-public-port", "8443", "--gateway-node-port", "31871",
       "--gateway-public-port", "51820"]
HEADERS = ["|", "|-", "|+", ">", ">-", ">+", "|2", "|2-", "|+2", ">1-", ">+1"]
TRAILS = {"none": "", "blank": "\n", "blanks": "\n\n", "spaces": "\n  \n"}
EOLS = {"lf": "\n", "crlf": "\r\n"}


def objects(data):
    return [o for o in yaml.load_all(data, Loader=LOADER) if isinstance(o, dict)]


def find(objs, kind, name):
    return [o for o in objs if o.get("kind") == kind and (o.get("metadata") or {}).get("name") == name][0]


def indent_of(header, base):
    return base + int(header.strip("|>+-") or 2)


def block(header, base, text, trail):
    return f"{header}\n{' ' * indent_of(header, base)}{text}\n{trail}"


def args_case(header, trail, eol):
    """The auth server's last argument as a block scalar, env: after it."""
    old = "          - --enable-tls\n---"
    new = "          - " + block(header, 10, "--enable-tls", trail) + "          env:\n          - name: X\n            value: y\n---"
    text = BASE.replace(old, new).replace("\n", eol)
    want = find(objects(text), "Deployment", "liqo-auth")["spec"]["template"]["spec"]["containers"][0]

    def check(objs, _):
        c = find(objs, "Deployment", "liqo-auth")["spec"]["template"]["spec"]["containers"][0]
        args = c.get("args") or []
        if args[:3] != want["args"] or len(args) != 4 or not args[3].startswith("--advertise-api-server-address="):
            return f"args {args!r}, wanted {want['args']!r} and the advertised address"
        if c.get("env") != want["env"]:
            return f"env {c.get('env')!r}, wanted {want['env']!r}"
        return None
    return text, PUBLIC_IP, check


def annotation_case(header, trail, eol):
    """The auth Service's last annotation as a block scalar, spec: after it."""
    old = "    run: auth-service\n  annotations:\nspec:"
    new = "    run: auth-service\n  annotations:\n    note: " + block(header, 4, "kept as it was", trail) + "spec:"
    text = BASE.replace(old, new).replace("\n", eol)
    want = find(objects(text), "Service", "liqo-auth")
    return text, NAT, annotations_check(want)


def annotations_check(want):
    def check(objs, _):
        svc = find(objs, "Service", "liqo-auth")
        got = (svc.get("metadata") or {}).get("annotations") or {}
        kept = {k: v for k, v in want["metadata"]["annotations"].items()}
        added = {"liqo.io/override-address": "203.0.113.10", "liqo.io/override-port": "8443"}
        if got != {**kept, **added}:
            return f"annotations {got!r}, wanted {({**kept, **added})!r}"
        if svc.get("spec", {}).get("type") != "NodePort":
            return f"spec {svc.get('spec')!r}"
        return None
    return check


def explicit_key_case(eol, where):
    """An explicit key (`? k` / `: v`) as the last (or only) annotation."""
    old = "    run: auth-service\n  annotations:\nspec:"
    pairs = {"last": "    first: one\n    ? note\n    : explicit\n",
             "only": "    ? note\n    : explicit\n",
             "multi-line-key": "    first: one\n    ? |\n      long key\n    : explicit\n"}[where]
    text = BASE.replace(old, "    run: auth-service\n  annotations:\n" + pairs + "spec:").replace("\n", eol)
    return text, NAT, annotations_check(find(objects(text), "Service", "liqo-auth"))


PORTS = "  ports:\n    - name: https\n      protocol: TCP\n      port: 443\n      targetPort: 8443\n"
FLOW_PORTS = {
    "middle": "  ports:\n  - {name: https,   # the port peers reach\n     protocol: TCP,\n     # pinned by hand\n"
              "     nodePort: 30443,  # was pinned\n     port: 443,\n     targetPort: 8443}  # end\n",
    "last": "  ports: [{name: https, protocol: TCP,  # tcp\n    port: 443, targetPort: 8443,\n"
            "    # the last one\n    nodePort: 30443  # pinned\n    }]\n",
    "first": "  ports:\n  - {\n      # first comes the node port\n      nodePort: 30443, # here\n"
             "      name: https, protocol: TCP, port: 443, targetPort: 8443 }\n",
    "own-line": "  ports: [\n    {\n      name: https,\n      nodePort: 30443,\n      # after it\n"
                "      protocol: TCP, port: 443, targetPort: 8443\n    }\n   ]\n",
}


def flow_comment_case(where, eol):
    """A nodePort removed from a multi-line flow mapping with comments."""
    text = BASE.replace(PORTS, FLOW_PORTS[where], 1).replace("\n", eol)
    comments = [line[line.index("#"):].rstrip("\r") for line in FLOW_PORTS[where].split("\n") if "#" in line]

    def check(objs, out):
        svc = find(objs, "Service", "liqo-auth")
        ports = svc["spec"]["ports"]
        if ports != [{"name": "https", "protocol": "TCP", "port": 443, "targetPort": 8443}]:
            return f"ports {ports!r}"
        missing = [c for c in comments if c.encode() not in out]
        return f"comments lost: {missing!r}" if missing else None
    return text, NAT_B, check


# 0o77273 is 32443 to Kubernetes (Go's ParseInt) but text to PyYAML, which
# checks these outputs: that spelling is covered by tests/unit/test_yamlint.c.
NODE_PORT_SPELLINGS = ['"32443"', "'32443'", "0x7EBB", "077273", "32_443", "+32443"]


def node_port_case(spelling, eol):
    """The auth port's nodePort spelled otherwise than in digits, under a
    pin of the same port: Kubernetes must read the output's as 32443."""
    text = BASE.replace(PORTS, PORTS + f"      nodePort: {spelling}\n", 1).replace("\n", eol)

    def check(objs, _):
        ports = find(objs, "Service", "liqo-auth")["spec"]["ports"]
        return None if ports[0].get("nodePort") == 32443 else f"ports {ports!r}"
    return text, NAT, check


BASE_V05 = open(os.path.join(HERE, "../golden/inputs/helm3-v0.5.yaml")).read().replace(
    "spec:\n  template:\n", "spec:\n  selector:\n    matchLabels:\n      app: liqo\n  template:\n")


def new_args_case(header, trail, eol):
    """A container without args whose last value is a block scalar: the
    args list is added after it (Liqo v0.5 takes the overrides as arguments)."""
    old = "      - name: controller-manager\n        args:\n          - --cluster-id=$(CLUSTER_ID)\n" \
          "          - --auth-service-port-override=9999\n"
    assert old in BASE_V05
    new = "      - name: controller-manager\n        image: " + block(header, 8, "liqo/controller-manager", trail)
    text = BASE_V05.replace(old, new).replace("\n", eol)
    want = find(objects(text), "Deployment", "liqo-controller-manager")["spec"]["template"]["spec"]["containers"][0]

    def check(objs, _):
        c = find(objs, "Deployment", "liqo-controller-manager")["spec"]["template"]["spec"]["containers"][0]
        args = c.get("args") or []
        if c.get("image") != want["image"] or not any(a.startswith("--auth-service-address-override=") for a in args):
            return f"container {c!r}"
        return None
    return text, NAT, check


def new_annotations_case(header, trail, eol):
    """Metadata without annotations whose last value (a label) is a block
    scalar: the annotations mapping is added after it."""
    old = "    run: auth-service\n  annotations:\nspec:"
    new = "    run: auth-service\n    note: " + block(header, 4, "a label", trail) + "spec:"
    text = BASE.replace(old, new).replace("\n", eol)
    want = find(objects(text), "Service", "liqo-auth")
    want["metadata"]["annotations"] = {}
    return text, NAT, annotations_check(want)


def port_case(header, trail, eol):
    """The port's last value a block scalar: the pinned nodePort goes after it."""
    new = "  ports:\n    - protocol: TCP\n      port: 443\n      targetPort: 8443\n      name: " + \
          block(header, 6, "https", trail)
    text = BASE.replace(PORTS, new, 1).replace("\n", eol)
    want = find(objects(text), "Service", "liqo-auth")["spec"]["ports"][0]

    def check(objs, _):
        port = find(objs, "Service", "liqo-auth")["spec"]["ports"][0]
        return None if port == {**want, "nodePort": 32443} else f"port {port!r}, wanted {want!r} and nodePort 32443"
    return text, NAT, check


def cases():
    for eol_name, eol in EOLS.items():
        for header in HEADERS:
            for trail_name, trail in TRAILS.items():
                tail = f"{header}-{trail_name}-{eol_name}"
                yield ("args-after-" + tail, *args_case(header, trail, eol))
                yield ("annotations-after-" + tail, *annotation_case(header, trail, eol))
                yield ("new-args-after-" + tail, *new_args_case(header, trail, eol))
                yield ("new-annotations-after-" + tail, *new_annotations_case(header, trail, eol))
                yield ("node-port-after-" + tail, *port_case(header, trail, eol))
        for spelling in NODE_PORT_SPELLINGS:
            yield (f"node-port-{spelling.strip(chr(34) + chr(39))}-{eol_name}", *node_port_case(spelling, eol))
        for where in FLOW_PORTS:
            yield (f"flow-ports-comments-{where}-{eol_name}", *flow_comment_case(where, eol))
        for where in ["last", "only", "multi-line-key"]:
            yield (f"explicit-key-{where}-{eol_name}", *explicit_key_case(eol, where))
