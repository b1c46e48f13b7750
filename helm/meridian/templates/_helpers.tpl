{{/* Chart name, overridable. */}}
{{- define "meridian.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Release-wide prefix of every object's name. Truncated so "<fullname>-<service>" stays a DNS
label: services keys are checked to fit (see meridian.validate).
*/}}
{{- define "meridian.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "meridian.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object of the release. */}}
{{- define "meridian.labels" -}}
helm.sh/chart: {{ include "meridian.chart" . }}
app.kubernetes.io/name: {{ include "meridian.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: meridian
{{- end }}

{{/*
Per-service helpers take a dict: root (the chart context), name (the services key), svc (its
values).
*/}}
{{- define "meridian.serviceFullname" -}}
{{- printf "%s-%s" (include "meridian.fullname" .root) .name }}
{{- end }}

{{- define "meridian.selectorLabels" -}}
app.kubernetes.io/name: {{ include "meridian.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "meridian.serviceLabels" -}}
{{ include "meridian.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "meridian.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "meridian.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "meridian.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* The Secret holding the MERIDIAN_* secrets: the user's, or the one this chart creates. */}}
{{- define "meridian.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "meridian.fullname" .) }}
{{- end }}

{{- define "meridian.configMapName" -}}
{{- printf "%s-env" (include "meridian.fullname" .) }}
{{- end }}

{{/* The ConfigMap holding meridian.yaml (rendered from .Values.config). */}}
{{- define "meridian.configFileName" -}}
{{- printf "%s-config" (include "meridian.fullname" .) }}
{{- end }}

{{/* The enabled services as a dict name -> values, in key order. */}}
{{- define "meridian.enabledServices" -}}
{{- $out := dict }}
{{- range $name, $svc := .Values.services }}
{{- if and $svc $svc.enabled }}
{{- $_ := set $out $name $svc }}
{{- end }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/*
Checks values that would otherwise produce a broken deployment, with a message that says what
to set. Included by the ConfigMap and Deployment templates.
*/}}
{{- define "meridian.validate" -}}
{{- $root := . }}
{{- $services := include "meridian.enabledServices" . | fromYaml }}
{{- if not $services }}
{{- fail "no service is enabled: set services.<name>.enabled=true for at least one" }}
{{- end }}
{{- $sasl := .Values.kafka.sasl }}
{{- if and (ne $sasl.mechanism "none") (or (not $sasl.username) (not $sasl.password.secret)) }}
{{- fail (printf "kafka.sasl.mechanism=%s needs kafka.sasl.username and kafka.sasl.password.secret" $sasl.mechanism) }}
{{- end }}
{{- if and (eq $sasl.mechanism "plain") (not .Values.kafka.tls.enabled) }}
{{- fail "kafka.sasl.mechanism=plain sends the password as it is: set kafka.tls.enabled=true" }}
{{- end }}
{{- range .Values.secrets.nbiApiKeys }}
{{- if not (regexMatch "^[^:,]+:(read-only|operator|admin):[^,]{16,}$" .) }}
{{- fail "secrets.nbiApiKeys: each entry is name:role:key, role read-only|operator|admin, a key of 16+ characters, no commas" }}
{{- end }}
{{- end }}
{{- range $name, $svc := $services }}
{{- if gt (len (include "meridian.serviceFullname" (dict "root" $root "name" $name))) 63 }}
{{- fail (printf "services.%s: <release>-meridian-%s is longer than 63 characters; shorten the key or set fullnameOverride" $name $name) }}
{{- end }}
{{- if not $svc.command }}
{{- fail (printf "services.%s.command is required (e.g. [node, dist/apps/%s/src/main.js])" $name $name) }}
{{- end }}
{{- if and (dig "persistence" "enabled" false $svc) (or (gt (int (default 1 $svc.replicas)) 1) (dig "hpa" "enabled" false $svc)) }}
{{- fail (printf "services.%s: a service with persistence runs one replica (its data is local to it): set replicas to 1 and hpa.enabled=false" $name) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
What a service takes from Secrets to reach secured servers: a list of {env, secret, key}, and for
a PEM file its `path` under /etc/meridian/pem (the variable names that file). Kafka, Redis and
MongoDB reach every split service; MQTT the USP translator and the all-in-one (services.meridian), which
has no Kafka or Redis.
*/}}
{{- define "meridian.securedRefs" -}}
{{- $v := .root.Values }}
{{- $refs := list }}
{{- $pems := list }}
{{- if ne .name "meridian" }}
{{- if $v.kafka.tls.enabled }}
{{- $pems = append $pems (dict "prefix" "MERIDIAN_KAFKA_TLS" "server" "kafka" "files" $v.kafka.tls) }}
{{- end }}
{{- $pems = append $pems (dict "prefix" "MERIDIAN_REDIS_TLS" "server" "redis" "files" $v.redis.tls) }}
{{- $pems = append $pems (dict "prefix" "MERIDIAN_MONGO_TLS" "server" "mongo" "files" $v.mongo.tls) }}
{{- with $v.kafka.sasl.password.secret }}
{{- $refs = append $refs (dict "env" "MERIDIAN_KAFKA_SASL_PASSWORD" "secret" . "key" $v.kafka.sasl.password.key) }}
{{- end }}
{{- end }}
{{- if has .name (list "usp-translator" "meridian") }}
{{- $pems = append $pems (dict "prefix" "MERIDIAN_USP_MQTT_TLS" "server" "mqtt" "files" $v.mqtt.tls) }}
{{- with $v.mqtt.password.secret }}
{{- $refs = append $refs (dict "env" "MERIDIAN_USP_MQTT_PASSWORD" "secret" . "key" $v.mqtt.password.key) }}
{{- end }}
{{- end }}
{{- range $pems }}
{{- $pem := . }}
{{- range $part := list "ca" "cert" "key" }}
{{- $ref := index $pem.files $part | default dict }}
{{- if $ref.secret }}
{{- $refs = append $refs (dict "env" (printf "%s_%s" $pem.prefix (upper $part)) "secret" $ref.secret "key" $ref.key "path" (printf "%s-%s.pem" $pem.server $part)) }}
{{- end }}
{{- end }}
{{- end }}
{{- /* The OTLP collector's, in every service, under OpenTelemetry's own variable names. */}}
{{- range $part, $env := dict "ca" "OTEL_EXPORTER_OTLP_CERTIFICATE" "cert" "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE" "key" "OTEL_EXPORTER_OTLP_CLIENT_KEY" }}
{{- $ref := index $v.otel.tls $part | default dict }}
{{- if $ref.secret }}
{{- $refs = append $refs (dict "env" $env "secret" $ref.secret "key" $ref.key "path" (printf "otlp-%s.pem" $part)) }}
{{- end }}
{{- end }}
{{- toYaml $refs }}
{{- end }}

{{/* A Kubernetes memory quantity in MiB (Ki, Mi, Gi, K, M, G or bytes), rounded down. */}}
{{- define "meridian.mebibytes" -}}
{{- $q := toString . }}
{{- if hasSuffix "Gi" $q }}{{ mul (trimSuffix "Gi" $q | int64) 1024 }}
{{- else if hasSuffix "Mi" $q }}{{ trimSuffix "Mi" $q | int64 }}
{{- else if hasSuffix "Ki" $q }}{{ div (trimSuffix "Ki" $q | int64) 1024 }}
{{- else if hasSuffix "G" $q }}{{ div (mul (trimSuffix "G" $q | int64) 1000000000) 1048576 }}
{{- else if hasSuffix "M" $q }}{{ div (mul (trimSuffix "M" $q | int64) 1000000) 1048576 }}
{{- else if hasSuffix "K" $q }}{{ div (mul (trimSuffix "K" $q | int64) 1000) 1048576 }}
{{- else if regexMatch "^[0-9]+$" $q }}{{ div ($q | int64) 1048576 }}
{{- else }}{{ fail (printf "memory %q: use a quantity in Ki, Mi, Gi, K, M, G or bytes" $q) }}
{{- end }}
{{- end }}

{{/*
NODE_OPTIONS of a service (dict root, name, svc): V8's heap sized from the container's memory
limit. Node sizes its old space from the cgroup limit without counting the young generation
(three semi-spaces: two, and as much for new large objects) nor what lives off the heap, so a
64 MiB semi-space could take a pod past its limit: OOM-killed instead of collected. Empty when
the service sets NODE_OPTIONS itself.
*/}}
{{- define "meridian.nodeOptions" -}}
{{- $heap := .svc.nodeHeap | default dict }}
{{- $semi := $heap.semiSpaceMi | default 16 | int64 }}
{{- if not (hasKey (.svc.env | default dict) "NODE_OPTIONS") }}
{{- $limit := (.svc.resources | default dict).limits | default dict }}
{{- if $limit.memory }}
{{- $limitMi := include "meridian.mebibytes" $limit.memory | int64 }}
{{- $percent := .root.Values.nodeHeapPercentOfLimit | int64 }}
{{- $old := sub (div (mul $limitMi $percent) 100) (mul 3 $semi) }}
{{- if lt $old 128 }}
{{- fail (printf "services.%s: a memory limit of %s leaves %d MiB of old space (under 128) after nodeHeapPercentOfLimit %d %% and 3 × nodeHeap.semiSpaceMi %d: raise the limit or lower semiSpaceMi" .name $limit.memory $old $percent $semi) }}
{{- end }}
{{- printf "--max-old-space-size=%d --max-semi-space-size=%d" $old $semi }}
{{- else }}
{{- printf "--max-semi-space-size=%d" $semi }}
{{- end }}
{{- end }}
{{- end }}
