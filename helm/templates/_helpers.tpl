{{/* Chart name, cut at 63 chars (a DNS label). */}}
{{- define "increment.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, plus the chart name unless the release name already contains it. */}}
{{- define "increment.fullname" -}}
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

{{- define "increment.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: stable across upgrades. */}}
{{- define "increment.selectorLabels" -}}
app.kubernetes.io/name: {{ include "increment.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "increment.labels" -}}
helm.sh/chart: {{ include "increment.chart" . }}
{{ include "increment.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: increment
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The Kafka cluster's name: ours, or the existing one named by kafka.name. */}}
{{- define "increment.kafkaName" -}}
{{- default (include "increment.fullname" .) .Values.kafka.name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "increment.connectName" -}}
{{- include "increment.fullname" . }}
{{- end }}

{{- define "increment.connectorName" -}}
{{- default (printf "%s-source" (include "increment.fullname" .)) .Values.connector.name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The KafkaUser of the Connect workers; the User Operator writes its credentials to a Secret of the same name. */}}
{{- define "increment.connectUserName" -}}
{{- printf "%s-connect" (include "increment.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The KafkaUser of the helm test Job: read-only on the sequence topics. */}}
{{- define "increment.readerUserName" -}}
{{- printf "%s-reader" (include "increment.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "increment.metricsConfigMapName" -}}
{{- printf "%s-connect-metrics" (include "increment.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "increment.secured" -}}
{{- if ne .Values.security.authentication "none" }}true{{ end }}
{{- end }}

{{/* Bootstrap servers: the TLS (9093) or plain (9092) listener of our cluster, or the given ones. */}}
{{- define "increment.bootstrapServers" -}}
{{- if .Values.kafka.enabled }}
{{- printf "%s-kafka-bootstrap:%s" (include "increment.kafkaName" .) (ternary "9093" "9092" (eq (include "increment.secured" .) "true")) }}
{{- else }}
{{- required "connect.bootstrapServers is required when kafka.enabled=false: give the bootstrap servers of the existing Kafka cluster" .Values.connect.bootstrapServers }}
{{- end }}
{{- end }}

{{/* Replication factor fitting the broker count: 3 on 3+ nodes, else the node count. */}}
{{- define "increment.replicationFactor" -}}
{{- min 3 (int .Values.kafka.replicas) }}
{{- end }}

{{/* Min ISR: one below the replication factor, at least 1, so one node may be down. */}}
{{- define "increment.minIsr" -}}
{{- max 1 (sub (int (include "increment.replicationFactor" .)) 1) }}
{{- end }}

{{/* Apicurio Registry's Deployment, Service and (kafkasql with security on) KafkaUser. */}}
{{- define "increment.schemaRegistryName" -}}
{{- printf "%s-schema-registry" (include "increment.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of the registry pods: the chart's, plus a component so they never match other pods. */}}
{{- define "increment.schemaRegistrySelectorLabels" -}}
{{ include "increment.selectorLabels" . }}
app.kubernetes.io/component: schema-registry
{{- end }}

{{/* The v2 API the Connect converter (Apicurio 2.6) talks to. */}}
{{- define "increment.schemaRegistryUrl" -}}
{{- printf "http://%s:8080/apis/registry/v2" (include "increment.schemaRegistryName" .) }}
{{- end }}

{{/* Worker config: connect.config, with the value converter switched to Avro through the registry when it is on. */}}
{{- define "increment.connectConfig" -}}
{{- $config := deepCopy .Values.connect.config }}
{{- if .Values.schemaRegistry.enabled }}
{{- $_ := unset $config "value.converter.schemas.enable" }}
{{- $avro := dict
    "value.converter" "com.example.increment.avro.RegistryAvroConverter"
    "value.converter.apicurio.registry.url" (include "increment.schemaRegistryUrl" .)
    "value.converter.apicurio.registry.auto-register" true
    "value.converter.apicurio.registry.as-confluent" true
    "value.converter.apicurio.registry.use-id" "contentId"
    "value.converter.apicurio.registry.headers.enabled" false }}
{{- $config = mustMergeOverwrite $config $avro }}
{{- end }}
{{- toYaml $config }}
{{- end }}

{{/* The PodMonitor, PrometheusRule and dashboard of the Connect workers: named like Strimzi's pods (<name>-connect-N). */}}
{{- define "increment.monitoringName" -}}
{{- printf "%s-connect" (include "increment.connectName" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
IncrementSequenceStalled's threshold, in seconds: the longest a crashed worker's sequences stall in a failover.
session.timeout.ms (until the group notices; Connect's default 10 s) + scheduled.rebalance.max.delay.ms (until the
lost tasks are given away; Connect's default 300 s) from connect.config, + 10 s to start them elsewhere on a slow node
(measured ~1 s). hasKey, not default: a delay of 0 is a value.
*/}}
{{- define "increment.sequenceStallSeconds" -}}
{{- $config := .Values.connect.config }}
{{- $session := ternary (index $config "session.timeout.ms") 10000 (hasKey $config "session.timeout.ms") | int }}
{{- $delay := ternary (index $config "scheduled.rebalance.max.delay.ms") 300000 (hasKey $config "scheduled.rebalance.max.delay.ms") | int }}
{{- add (div (add $session $delay 999) 1000) 10 }}
{{- end }}
