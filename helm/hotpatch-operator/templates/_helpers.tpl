{{/* Chart name, truncated to fit a DNS label. */}}
{{- define "hotpatch-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "hotpatch-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "hotpatch-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "hotpatch-operator.labels" -}}
helm.sh/chart: {{ include "hotpatch-operator.chart" . }}
{{ include "hotpatch-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: hotpatch-operator
{{- end }}

{{- define "hotpatch-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hotpatch-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "hotpatch-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "hotpatch-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Leader election: always with more than one replica, or when forced. */}}
{{- define "hotpatch-operator.leaderElection" -}}
{{- if or .Values.leaderElection.force (gt (int .Values.replicaCount) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{- define "hotpatch-operator.workloadIdentity" -}}
{{- if eq .Values.azure.auth.mode "workloadIdentity" }}true{{ end }}
{{- end }}

{{/* Seconds in a duration as the operator reads it (30s, 10m, 1h30m; the schema admits no other). */}}
{{- define "hotpatch-operator.seconds" -}}
{{- $d := trim . -}}
{{- $h := regexFind "[0-9]+h" $d | trimSuffix "h" | default "0" | atoi -}}
{{- $m := regexFind "[0-9]+m" $d | trimSuffix "m" | default "0" | atoi -}}
{{- $s := regexFind "[0-9]+s" $d | trimSuffix "s" | default "0" | atoi -}}
{{- add (mul $h 3600) (mul $m 60) $s -}}
{{- end }}

{{/*
When the reboot gate calls a fleet view stale: 15 fleet refresh intervals (three idle ones of five
each; ListPacing.defaults), the interval being 2m when fleetRefreshInterval is 0s.
*/}}
{{- define "hotpatch-operator.fleetViewStaleSeconds" -}}
{{- $interval := include "hotpatch-operator.seconds" .Values.fleetRefreshInterval | atoi -}}
{{- mul 15 (ternary 120 $interval (eq $interval 0)) -}}
{{- end }}
