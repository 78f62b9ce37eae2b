"""Every cell of the built-in profiles, each with the parameters it needs, as
argument lists: the data the ownership sweeps run over. One entry per
profile column and cell choice; parameters that a cell does not use are left
out, so a run warns about nothing it was not asked."""

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
