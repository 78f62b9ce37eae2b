// Validates Kubernetes objects against the OpenAPI schema, through the npm
// package kubernetes-models. Reads one JSON object per line on stdin, each
// {"where": "...", "object": {...}}; prints one line per invalid object and
// exits 1 if there was any.
// Usage: node schema.mjs NODE_PREFIX < objects.jsonl
import { readFileSync } from "fs";

const prefix = process.argv[2] + "/node_modules/kubernetes-models";
const models = {
  "v1/Service": (await import(prefix + "/v1/Service.js")).Service,
  "v1/ConfigMap": (await import(prefix + "/v1/ConfigMap.js")).ConfigMap,
  "apps/v1/Deployment": (await import(prefix + "/apps/v1/Deployment.js")).Deployment,
  "networking.k8s.io/v1/Ingress": (await import(prefix + "/networking.k8s.io/v1/Ingress.js")).Ingress,
  "v1/Namespace": (await import(prefix + "/v1/Namespace.js")).Namespace,
  "v1/Secret": (await import(prefix + "/v1/Secret.js")).Secret,
  "rbac.authorization.k8s.io/v1/RoleBinding":
    (await import(prefix + "/rbac.authorization.k8s.io/v1/RoleBinding.js")).RoleBinding,
};
let invalid = 0, checked = 0;
for (const line of readFileSync(0, "utf8").split("\n")) {
  if (!line) continue;
  const { where, object } = JSON.parse(line);
  const model = models[`${object.apiVersion}/${object.kind}`];
  if (!model) continue;
  checked++;
  try {
    new model(object).validate();
  } catch (e) {
    invalid++;
    console.log(`INVALID ${where}: ${object.kind} ${object.metadata?.name}: ${e.message}`);
  }
}
console.log(`schema: ${checked} objects checked, ${invalid} invalid`);
process.exit(invalid ? 1 : 0);
