"""Every cell of the built-in profiles, each with the parameters it needs, as
argument lists: the data the ownership sweeps run over. One entry per
profile column and cell choice; parameters that a cell does not use are left
out, so a run warns about nothing it was not asked.

LB_CELLS add the load-balancer settings to some of them. What those write
(annotations, and type-bound fields where the cell's type takes them) is
not the scenario's to remove later: a run without a flag keeps what an
earlier run's flag wrote, as it keeps a user's own value. So cell Y is
checked over cell X only where Y gives every such setting X gave
(settings_of), which is how a user switches scenarios with them."""

NGINX = ["--ingress-class", "nginx"]
TRAEFIK = ["--ingress-class", "traefik"]
AUTH_HOST = ["--auth-host", "auth.cluster-a.example.com"]
API_HOST = ["--api-server-host", "api.cluster-a.example.com"]
API_ADDRESS = ["--api-server-address", "https://198.51.100.7:6443"]

CELLS = {
    "cloud-lb": ["--profile", "cloud-to-cloud"],
    "cloud-lb-address": ["--profile", "cloud-to-cloud"] + API_ADDRESS,
    "cloud-auth-ingress-nginx": ["--profile", "cloud-to-cloud", "--auth", "ingress"] + AUTH_HOST + NGINX,
    "cloud-auth-ingress-traefik": ["--profile", "cloud-to-cloud", "--auth", "ingress"] + AUTH_HOST + TRAEFIK,
    "onprem-cloud-a-api-ingress": ["--profile", "on-prem-to-cloud", "--cluster", "a"] + API_HOST + NGINX,
    "onprem-cloud-a-public-ip": ["--profile", "on-prem-to-cloud", "--cluster", "a",
                                 "--api-server", "public-ip"] + API_ADDRESS,
    "onprem-cloud-a-both-ingress": ["--profile", "on-prem-to-cloud", "--cluster", "a", "--auth", "ingress"]
                                   + AUTH_HOST + API_HOST + NGINX,
    "onprem-cloud-b-auth-ingress": ["--profile", "on-prem-to-cloud", "--cluster", "b", "--auth", "ingress",
                                    "--auth-host", "auth.cluster-b.example.com", "--auth-tls-secret", "auth-tls"]
                                   + NGINX,
    "lan-nodeport": ["--profile", "on-prem-to-on-prem"],
    "lan-nodeport-pinned": ["--profile", "on-prem-to-on-prem", "--auth-node-port", "30443",
                            "--gateway-node-port", "30871", "--api-server-address", "https://10.0.0.10:6443"],
    "nat-a": ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
              "--auth-node-port", "32443", "--auth-public-port", "8443",
              "--gateway-node-port", "31871", "--gateway-public-port", "51820"],
    "nat-a-ipv6": ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "2001:db8::10",
                   "--auth-node-port", "30001", "--gateway-node-port", "30002", "--api-server-public-port", "7443"],
    "nat-b-lb": ["--profile", "on-prem-nat-to-cloud", "--cluster", "b"],
}
# The same cell with its record (the ConfigMap liqo-scenario): every other
# cell removes it, and it replaces its own.
CELLS["nat-a-record"] = CELLS["nat-a"] + ["--record"]

# Load-balancer settings, all given by each of LB_CELLS, so that any of them
# converges over any other and over every plain cell.
LB = ["--provider", "metallb",
      "--auth-annotation", "example.com/owner=platform",
      "--gateway-annotation", "metallb.universe.tf/address-pool=edge",
      "--allocate-load-balancer-node-ports", "false",
      "--load-balancer-source-ranges", "203.0.113.0/24,198.51.100.0/24",
      "--load-balancer-class", "metallb.universe.tf/metallb",
      "--external-traffic-policy", "Local",
      "--auth-load-balancer-ip", "192.0.2.10",
      "--gateway-load-balancer-ip", "192.0.2.11"]
SHARED = ["--provider", "metallb", "--shared-load-balancer-ip", "192.0.2.20",
          "--auth-annotation", "example.com/owner=platform"]

LB_CELLS = {
    "lb-cloud": CELLS["cloud-lb"] + LB,
    "lb-cloud-issuer": CELLS["cloud-auth-ingress-nginx"] + LB + ["--auth-tls-issuer", "letsencrypt"],
    "lb-lan": CELLS["lan-nodeport-pinned"] + LB,
    "lb-nat-a": CELLS["nat-a"] + LB,
    "lb-nat-b": CELLS["nat-b-lb"] + LB,
    "lb-range": ["--profile", "on-prem-to-on-prem", "--node-port-range", "20000-22767",
                 "--auth-node-port", "20443", "--gateway-node-port", "22767"],
    "shared-cloud": CELLS["cloud-lb"] + SHARED,
    "shared-nat-b": CELLS["nat-b-lb"] + SHARED,
}

# Settings whose writes a later run without them keeps: an annotation by its
# key, the rest by their flag.
KEYED = {"--auth-annotation", "--gateway-annotation", "--provider"}
SETTINGS = KEYED | {"--allocate-load-balancer-node-ports", "--load-balancer-source-ranges",
                    "--load-balancer-class", "--external-traffic-policy", "--auth-load-balancer-ip",
                    "--gateway-load-balancer-ip", "--shared-load-balancer-ip", "--auth-tls-issuer"}


def settings_of(args):
    found = set()
    for flag, value in zip(args, args[1:]):
        if flag in KEYED:
            found.add((flag, value.split("=")[0]))
        elif flag in SETTINGS:
            found.add((flag,))
    return found
