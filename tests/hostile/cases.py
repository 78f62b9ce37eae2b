"""The hostile-input corpus: each case is an input (text, bytes, a mutation of
the golden fixture, or generated), the arguments, the exit code and a pattern
its one stderr line must match; error cases must also leave stdout empty, and
cases that must survive say what their output must keep."""

BASE = "../golden/inputs/helm3-v0.10.yaml"
BASE_V1 = "../golden/inputs/helm3-v1.2.yaml"
V1_PUBLIC_IP = ["--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "public-ip",
                "--api-server-address", "https://198.51.100.7:6443"]
NAT = ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
       "--auth-node-port", "32443", "--gateway-node-port", "31871"]
LAN = ["--profile", "on-prem-to-on-prem"]
WHERE = r"document \d+: line \d+:\d+: "


def base_with(*pairs):
    return {"base": BASE, "replace": list(pairs)}


def v1_with(*pairs):
    return {"base": BASE_V1, "replace": list(pairs)}


def deep(n, open_="[", close="]"):
    return "a: " + open_ * n + close * n + "\n"


def bomb(levels=10):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    return "---\n" + "\n".join(lines) + "\n"


CASES = [
    # malformed YAML
    ("unclosed-flow-list", {"text": "a: [1, 2\n"}, LAN, 3, WHERE + ".*"),
    ("unclosed-flow-map", {"text": "a: {b: 1\n"}, LAN, 3, WHERE + ".*"),
    ("unterminated-double-quote", {"text": 'a: "open\n'}, LAN, 3, WHERE + ".*quote"),
    ("unterminated-single-quote", {"text": "a: 'open\n"}, LAN, 3, WHERE + ".*"),
    ("mapping-in-plain-scalar", {"text": "a: b: c\n"}, LAN, 3, WHERE + ".*"),
    ("bad-indentation", {"text": "a:\n  b: 1\n c: 2\n"}, LAN, 3, WHERE + ".*"),
    ("tab-indentation", {"text": "a:\n\tb: 1\n"}, LAN, 3, WHERE + "tab"),
    ("undefined-alias", {"text": "a: *nowhere\n"}, LAN, 3, WHERE + "alias \\*nowhere before any anchor &nowhere"),
    ("alias-before-anchor", {"text": "a: *x\nb: &x 1\n"}, LAN, 3, r"line 1:\d+: alias \*x before any anchor &x"),
    ("directive-inside-document", {"text": "a: 1\n%YAML 1.2\n---\nb: 2\n"}, LAN, 3, WHERE + ".*"),
    ("truncated-stream", {"base": BASE, "cut_after": "helm.sh/chart: \"liqo-v0"}, LAN, 3, r"document 2: line \d+:\d+: .*"),
    ("duplicate-key-top", {"base": BASE, "prefix_text": "---\na: 1\nb: 2\na: 3\n"}, LAN, 0, None,
     {"startswith": b"---\na: 1\nb: 2\na: 3\n"}),
    # a key written twice is read as Kubernetes reads it (the last value), and
    # written once where the cell edits its mapping
    ("duplicate-key-in-component", base_with(("  type: LoadBalancer\n  selector:", "  type: LoadBalancer\n  type: NodePort\n  selector:")),
     LAN, 0, None, {"contains": [b"  annotations:\nspec:\n  type: NodePort\n  selector:"]}),
    ("duplicate-key-quoted", {"base": BASE, "prefix_text": "---\na: 1\n\"a\": 2\n"}, LAN, 0, None,
     {"startswith": b"---\na: 1\n\"a\": 2\n"}),
    # a file the user writes is still refused for one
    ("duplicate-key-config", {"base": BASE}, ["--config", "duplicate-config.yaml"], 2, r"duplicate-config.yaml: document 1: line 2:1: duplicate key .profile."),
    # bytes that are not YAML text
    ("invalid-utf8", {"bytes": b"a: \xff\xfe\n"}, LAN, 3, WHERE + "invalid UTF-8"),
    ("overlong-utf8", {"bytes": b"a: \xc0\xaf\n"}, LAN, 3, WHERE + "invalid UTF-8"),
    ("utf8-surrogate", {"bytes": b"a: \xed\xa0\x80\n"}, LAN, 3, WHERE + "invalid UTF-8"),
    ("truncated-utf8", {"bytes": b"a: \xe2\x82"}, LAN, 3, WHERE + "invalid UTF-8"),
    ("nul-byte", {"bytes": b"---\na: 1\n---\nb: \x00\n"}, LAN, 3, r"document 2: line 4:4: NUL byte"),
    ("control-character", {"bytes": b"a: \"\x1b[0m\"\n"}, LAN, 3, WHERE + "non-printable character U\\+001B"),
    ("c1-control", {"bytes": b"a: \xc2\x9b\n"}, LAN, 3, WHERE + "non-printable character U\\+009B"),
    # line ends libfyaml counts but the editor's LF lines would not
    ("lone-cr-in-component", base_with(("    run: auth-service\n  annotations:", "    run: auth-service\r  annotations:")),
     NAT, 3, r"document 2: line 29:22: carriage return without a line feed"),
    # crashes libfyaml 0.7.12 when its parser is freed (a key freed twice)
    ("tab-before-indicator-in-explicit-key", {"text": "? a:\t|\n"}, LAN, 3, WHERE + "a tab between ':' and a block indicator"),
    ("line-separator", {"bytes": b"a: 1\xe2\x80\xa8b: 2\n"}, LAN, 3, WHERE + "NEL, LS or PS character"),
    # fields of the wrong shape
    ("type-is-a-list", base_with(("  type: LoadBalancer\n  selector:\n    run", "  type: [LoadBalancer]\n  selector:\n    run")),
     LAN, 3, WHERE + "expected a plain value"),
    ("type-is-an-alias", base_with(("  type: LoadBalancer\n  selector:\n    run", "  type: *t\n  selector:\n    run"),
                                   ("  name: liqo-auth\n  labels:\n    app.kubernetes.io/name: \"auth\"\n    app.kubernetes.io/instance",
                                    "  name: &t liqo-auth\n  labels:\n    app.kubernetes.io/name: \"auth\"\n    app.kubernetes.io/instance")),
     LAN, 3, WHERE + "expected a plain value"),
    ("ports-not-a-list", base_with(("  ports:\n    - name: https\n      protocol: TCP\n      port: 443\n      targetPort: 8443\n",
                                    "  ports: https\n")), LAN, 3, WHERE + "spec.ports must be a non-empty list"),
    ("port-not-a-mapping", base_with(("    - name: https\n      protocol: TCP\n      port: 443\n      targetPort: 8443\n", "    - 443\n")),
     LAN, 3, WHERE + "each of spec.ports must be a mapping"),
    ("spec-not-a-mapping", base_with(("spec:\n  type: LoadBalancer\n  selector:\n    run: auth-service\n  ports:\n    - name: https\n      protocol: TCP\n      port: 443\n      targetPort: 8443\n",
                                      "spec: []\n")), LAN, 3, WHERE + ".*spec must be a mapping"),
    ("args-not-a-list", base_with(("          args:\n          - --cluster-id=$(CLUSTER_ID)\n          - --address=:8443\n          - --enable-tls\n",
                                   "          args: --enable-tls\n")),
     ["--profile", "on-prem-to-on-prem", "--api-server-address", "10.0.0.1"], 3, WHERE + "args must be a list of strings"),
    ("args-item-a-mapping", base_with(("          - --enable-tls\n", "          - {enable-tls: true}\n")),
     ["--profile", "on-prem-to-on-prem", "--api-server-address", "10.0.0.1"], 3, WHERE + "args must be a list of strings"),
    ("annotations-a-list", base_with(("    run: auth-service\n  annotations:\nspec:", "    run: auth-service\n  annotations: [a]\nspec:")),
     NAT, 3, WHERE + "annotations must be a mapping"),
    ("containers-missing", base_with(("      containers:\n        - image: ghcr.io/liqotech/auth-service:v0.10.3\n          name: auth\n", "      containers2:\n        - image: ghcr.io/liqotech/auth-service:v0.10.3\n          name: auth\n")),
     NAT, 3, WHERE + ".*containers must be a non-empty list"),
    ("auth-service-without-name", base_with(("  name: liqo-auth\n  labels:\n    app.kubernetes.io/name: \"auth\"\n    app.kubernetes.io/instance",
                                             "  labels:\n    app.kubernetes.io/name: \"auth\"\n    app.kubernetes.io/instance")),
     ["--profile", "cloud-to-cloud", "--auth", "ingress", "--auth-host", "a.example.com"], 3, WHERE + ".*needs a metadata.name"),
    # components missing, doubled or ambiguous
    ("empty-input", {"text": ""}, LAN, 3, r"the input is empty \(no document, or only empty ones\)"),
    ("only-comments", {"text": "# nothing here\n# at all\n"}, LAN, 3, r"the input is empty \(no document, or only empty ones\)"),
    ("missing-gateway", base_with(("net.liqo.io/gateway: \"true\"", "net.liqo.io/gateway: \"false\"")), LAN, 0, None, {"contains": [b"  type: NodePort\n"]}),
    ("two-auth-services", {"base": BASE, "append_part": ("# Source: liqo/templates/liqo-auth-service.yaml", "---\n# Source: liqo/templates/liqo-gateway-service.yaml")},
     LAN, 3, r"document \d+: line \d+:\d+: a second auth Service.*document 2 is one already"),
    ("two-gateway-services", {"base": BASE, "append_part": ("# Source: liqo/templates/liqo-gateway-service.yaml", "---\n# Source: liqo/templates/liqo-auth-deployment.yaml")},
     LAN, 3, r"a second gateway Service"),
    ("one-object-two-components", base_with(("    run: auth-service\n  annotations:", "    run: auth-service\n    net.liqo.io/gateway: \"true\"\n  annotations:")),
     LAN, 3, r"one object labelled as two components"),
    ("no-version-label", base_with(("v0.10.3\"", "unknown\"")), LAN, 3, r"cannot tell the Liqo version"),
    ("bad-liqo-version-flag", {"base": BASE}, LAN + ["--liqo-version", "latest"], 2, r"--liqo-version: 'latest' is not a Liqo version"),
    # limits
    ("over-max-input-size", {"base": BASE}, LAN + ["--max-input-size", "1000"], 3, r"exceeds --max-input-size=1000"),
    ("over-max-documents", {"base": BASE}, LAN + ["--max-documents", "3"], 3, r"document 4: .*exceeds --max-documents=3"),
    ("over-max-depth", {"text": deep(10)}, LAN + ["--max-depth", "5"], 3, WHERE + "nesting depth exceeds --max-depth=5"),
    ("over-max-aliases", {"text": "a: &x 1\nb: [*x, *x, *x]\n"}, LAN + ["--max-aliases", "2"], 3, WHERE + "alias count exceeds --max-aliases=2"),
    ("nesting-100000-lists", {"text": deep(100000)}, LAN, 3, WHERE + "nesting depth exceeds --max-depth=256"),
    ("nesting-100000-maps", {"text": deep(100000, "{a: ", "}")}, LAN, 3, WHERE + "nesting depth exceeds"),
    # command line
    ("unknown-flag", {"base": BASE}, LAN + ["--frobnicate"], 2, r"unknown option '--frobnicate'"),
    ("node-port-out-of-range", {"base": BASE}, LAN + ["--auth-node-port", "8443"], 2, r"--auth-node-port 8443: outside the node-port range 30000-32767"),
    ("port-zero", {"base": BASE}, NAT + ["--auth-public-port", "0"], 2, r"--auth-public-port: '0' is not a port"),
    ("port-too-large", {"base": BASE}, NAT + ["--gateway-public-port=70000"], 2, r"--gateway-public-port: '70000' is not a port"),
    ("missing-cluster", {"base": BASE}, ["--profile", "on-prem-nat-to-cloud"], 2, r"--cluster is required"),
    ("choice-not-offered", {"base": BASE}, ["--profile", "cloud-to-cloud", "--auth", "nodeport"], 2, r"offers only: loadbalancer, ingress"),
    ("nat-without-public-address", {"base": BASE}, ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--auth-node-port", "32443", "--gateway-node-port", "31871"],
     2, r"--public-address is required"),
    ("bad-api-server-address", {"base": BASE}, LAN + ["--api-server-address", "ftp://x y"], 2, r"--api-server-address 'ftp://x y': not"),
    ("unknown-profile", {"base": BASE}, ["--profile", "mesh"], 2, r"--profile mesh: no such profile"),
    ("bad-config-key", {"base": BASE}, ["--config", "bad-config.yaml"], 2, r"bad-config.yaml: line 2:1: unknown key 'public-adress'"),
    # inputs it must survive
    ("crlf-line-endings", {"base": BASE, "crlf": True}, NAT, 0, None, {"contains": [b"  type: NodePort\r\n", b"      nodePort: 32443\r\n"], "no_bare_lf": True}),
    ("byte-order-mark", {"base": BASE, "prefix": b"\xef\xbb\xbf"}, NAT, 0, None, {"startswith": b"\xef\xbb\xbf---\n"}),
    ("alias-bomb-untouched", {"base": BASE, "prefix_text": bomb()}, NAT, 0, None, {"contains": [b"a9: &a9 [*a8, *a8"], "max_seconds": 2}),
    ("anchors-and-merge-keys-untouched", {"base": BASE, "prefix_text": "---\nbase: &base {x: 1}\nderived:\n  <<: *base\n  y: 2\n"},
     NAT, 0, None, {"contains": [b"base: &base {x: 1}\nderived:\n  <<: *base\n  y: 2\n"]}),
    ("comments-everywhere", base_with(("spec:\n  type: LoadBalancer\n", "spec: # why\n  # which\n  type: LoadBalancer # was\n")),
     NAT, 0, None, {"contains": [b"spec: # why\n  # which\n  type: NodePort # was\n"]}),
    ("large-unrelated-scalar", {"base": BASE, "prefix_text": "---\nbig: " + "x" * 1000000 + "\n"}, NAT, 0, None, {"contains": [b"x" * 1000]}),
    ("many-small-documents", {"base": BASE, "prefix_text": "---\na: 1\n" * 20000}, NAT, 0, None, {"max_seconds": 3}),
    # Large mappings move from a scan to a hash set: still linear, still exact.
    ("mapping-of-many-keys", {"base": BASE, "prefix_text": "---\n" + "".join(f"k{i}: {i}\n" for i in range(200000))},
     NAT, 0, None, {"max_seconds": 3}),
    ("many-keys-duplicate-last", {"base": BASE, "prefix_text": "---\n" + "".join(f"k{i}: {i}\n" for i in range(5000)) + "k0: again\n"},
     NAT, 0, None, {"contains": [b"k0: 0\n", b"k4999: 4999\nk0: again\n"]}),
    ("no-final-newline", {"base": BASE, "strip_final_newline": True}, NAT + ["--liqo-version", "v0.5.0"],
     0, None, {"contains": [b"- --enable-incoming-peering=true\n          - --auth-service-address-override=203.0.113.10\n"]}),
    # Liqo v1: only the controller manager's arguments are read closely
    ("v1-args-not-strings", v1_with(("          - --geneve-port=6091\n", "          - {geneve: 6091}\n")),
     V1_PUBLIC_IP, 3, WHERE + "args must be a list of strings"),
    ("v1-args-anchored", v1_with(("          - --geneve-port=6091\n", "          - &port --geneve-port=6091\n")),
     V1_PUBLIC_IP, 3, WHERE + "expected a string here, found text with an anchor or a tag"),
    ("v1-two-gateway-templates", {"base": BASE_V1, "append_part": ("# Source: liqo/templates/liqo-wireguard-gateway-server",
                                                                    "            ?nodePort")},
     V1_PUBLIC_IP, 3, WHERE + "a second WgGatewayServerTemplate wireguard-server"),
    ("v1-flow-args", v1_with(("        args:\n          - --cluster-id=$(CLUSTER_ID)\n",
                              "        args: [--cluster-id=$(CLUSTER_ID),\n               --x=1]\n"),
                             ("          - --networking-enabled=true\n          - --global-labels=liqo.io/managed=true\n"
                              "          - --geneve-port=6091\n          - --enable-api-server-ip-remapping=true\n", "")),
     V1_PUBLIC_IP, 0, None, {"contains": [b"--api-server-address-override=https://198.51.100.7:6443"]}),
    ("v1-auth-flags-with-a-v0-config", {"base": BASE_V1}, NAT + ["--auth-host", "auth.example.com"], 0, None,
     {"contains": [b"- --api-server-address-override=https://203.0.113.10:6443\n"]}),
]
