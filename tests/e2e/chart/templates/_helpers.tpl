{{- define "liqo.labels" -}}
app.kubernetes.io/part-of: "liqo"
helm.sh/chart: "{{ .Chart.Name }}-{{ .Chart.Version }}"
app.kubernetes.io/version: "{{ .Values.tag }}"
app.kubernetes.io/managed-by: "{{ .Release.Service }}"
{{- end }}
