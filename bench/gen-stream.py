#!/usr/bin/python3
"""Writes a YAML stream of about SIZE MiB: the given chart render, then
deterministic unrelated documents (ConfigMaps, Deployments, Services without
Liqo's labels) until the size is reached. Usage: gen-stream.py CHART SIZE_MIB OUT"""
import sys

chart, size, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
TEMPLATES = [
    """---
# Source: app/templates/configmap-{i}.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-{i}
  labels:
    app.kubernetes.io/name: "app-{i}"
data:
  level: "info"   # verbosity
  endpoints: 'http://svc-{i}.example.com:8080'
  body: |
    line one of {i}
    line two
""",
    """---
# Source: app/templates/deployment-{i}.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  labels:
    app.kubernetes.io/name: "app-{i}"
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: "app-{i}"
  template:
    metadata:
      labels:
        app.kubernetes.io/name: "app-{i}"
    spec:
      containers:
        - name: app
          image: registry.example/app:{i}
          args: ["--port=8080", "--id={i}"]
          ports:
            - containerPort: 8080
""",
    """---
# Source: app/templates/service-{i}.yaml
apiVersion: v1
kind: Service
metadata:
  name: app-{i}
  labels:
    app.kubernetes.io/name: "app-{i}"
spec:
  type: ClusterIP
  ports:
    - port: 80
      targetPort: 8080
""",
]
limit = int(size * 1024 * 1024)
with open(out, "w") as f:
    text = open(chart).read()
    f.write(text)
    written, i = len(text), 0
    while written < limit:
        doc = TEMPLATES[i % 3].format(i=i)
        f.write(doc)
        written += len(doc)
        i += 1
