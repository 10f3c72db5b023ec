{{- define "ewo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* The objects' name: fullnameOverride; else the release name, followed by the chart's name
unless one already holds the other (release execution-watch: execution-watch-operator, never
execution-watch-execution-watch-operator). */}}
{{- define "ewo.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "ewo.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else if hasPrefix .Release.Name $name -}}
{{- $name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/* The operator instance's name on the demos it claims (OPERATOR_INSTANCE): release namespace and
a name from the release alone, the objects' name as chart 0.1.0 made it. It does not follow
nameOverride, fullnameOverride or the 0.2.0 names: renaming the objects (an upgrade from 0.1.0, a
changed override) must not make the release a stranger to its own demos, which would then wait
for the old name's heartbeat to stop (three resync intervals) and log OverlappingOperators. */}}
{{- define "ewo.instance" -}}
{{- $legacy := "execution-watch-operator" -}}
{{- $name := ternary .Release.Name (printf "%s-%s" .Release.Name $legacy) (contains $legacy .Release.Name) -}}
{{- printf "%s/%s" .Release.Namespace ($name | trunc 63 | trimSuffix "-") -}}
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

{{/* An image reference: [registry/]repository:tag[@digest], global.imageRegistry first; pass
(dict "image" .Values.image "ctx" $). */}}
{{- define "ewo.imageRef" -}}
{{- $registry := default .image.registry .ctx.Values.global.imageRegistry -}}
{{- if $registry }}{{ $registry }}/{{ end -}}
{{ .image.repository }}:{{ default .ctx.Chart.AppVersion .image.tag }}
{{- with .image.digest }}@{{ . }}{{ end }}
{{- end }}

{{- define "ewo.image" -}}
{{ include "ewo.imageRef" (dict "image" .Values.image "ctx" .) }}
{{- end }}

{{/* The operator's RBAC rules, generated from its code (files/operator-rbac-rules.yaml). */}}
{{- define "ewo.rules" -}}
{{- $all := .ctx.Files.Get "files/operator-rbac-rules.yaml" | fromYaml -}}
{{- toYaml (index $all .scope) -}}
{{- end }}

{{/* The exporter image every demo pod runs. */}}
{{- define "ewo.exporterImage" -}}
{{ include "ewo.imageRef" (dict "image" .Values.exporterImage "ctx" .) }}
{{- end }}

{{/* The image pull secrets' names, comma-separated (the operator's DEMO_IMAGE_PULL_SECRETS). */}}
{{- define "ewo.imagePullSecretNames" -}}
{{- $names := list -}}
{{- range .Values.imagePullSecrets -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- join "," $names -}}
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
