{{- define "ewo.name" -}}execution-watch-operator{{- end }}

{{- define "ewo.fullname" -}}
{{- if contains (include "ewo.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "ewo.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end }}

{{- define "ewo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ewo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on everything the chart renders; pass (dict "ctx" $ "component" "operator"). */}}
{{- define "ewo.labels" -}}
{{ include "ewo.selectorLabels" .ctx }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: peak-trade
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version }}
peaktrade.io/no-live: "true"
{{- end }}

{{- define "ewo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "ewo.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end }}

{{- define "ewo.image" -}}
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/* The operator's RBAC rules, generated from its code (files/operator-rbac-rules.yaml). */}}
{{- define "ewo.rules" -}}
{{- $all := .ctx.Files.Get "files/operator-rbac-rules.yaml" | fromYaml -}}
{{- toYaml (index $all .scope) -}}
{{- end }}

{{/* The exporter image every demo pod runs: repository:tag, and @digest when one is given. */}}
{{- define "ewo.exporterImage" -}}
{{ .Values.exporterImage.repository }}:{{ default .Chart.AppVersion .Values.exporterImage.tag }}
{{- with .Values.exporterImage.digest }}@{{ . }}{{ end }}
{{- end }}

{{/* The namespaces the operator watches: the release namespace and watchNamespaces, once each. */}}
{{- define "ewo.watchedNamespaces" -}}
{{- $all := prepend .Values.watchNamespaces .Release.Namespace | uniq -}}
{{- join "," $all -}}
{{- end }}

{{/* grafana-operator's instance selector as the operator reads it: name=value,name=value */}}
{{- define "ewo.grafanaInstanceLabels" -}}
{{- $pairs := list -}}
{{- range $k, $v := .Values.grafanaOperator.instanceSelector.matchLabels -}}
{{- $pairs = append $pairs (printf "%s=%s" $k $v) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end }}
