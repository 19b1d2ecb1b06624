# increment: the verbs people type. `make help` lists them all.
SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help

# Tool paths (override on the command line, e.g. `make test MVN=mvn`).
MVN ?= ./mvnw
KUBECTL ?= kubectl
MVN_FLAGS ?= -B -ntp

# The build needs a JDK 21+ (io.strimzi:api is Java 21 bytecode): JAVA_HOME if it is one, else one under /usr/lib/jvm.
JDK := $(shell .mvn/find-jdk 2>/dev/null)
export JAVA_HOME := $(JDK)
JAVA := $(JAVA_HOME)/bin/java

.PHONY: check-jdk
check-jdk:
	@.mvn/find-jdk >/dev/null

##@ General

.PHONY: help
help: ## Show this help: every target, grouped
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make \033[36m<target>\033[0m [VAR=value]\n"} \
	  /^[a-zA-Z0-9_-]+:.*?## / { printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2 } \
	  /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Build

.PHONY: build
build: check-jdk ## Compile and package everything; the plugin folder and zip land in connector/target/
	$(MVN) $(MVN_FLAGS) package -DskipTests

.PHONY: config-docs
config-docs: check-jdk ## Regenerate connector/CONFIGURATION.md from the connector's ConfigDef (a test fails when stale)
	$(MVN) $(MVN_FLAGS) -pl connector test -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dconfig-docs.update=true

##@ Run

# The local cluster (make run): where its data lives, its loopback ports, each process's heap. A second run with
# the same DATA continues every sequence; `make clean` (or another DATA) starts afresh.
DATA ?= data
BROKER_PORT ?= 9092
CONTROLLER_PORT ?= 9093
WORKER_PORTS ?= 8083,8084
# Each worker's JMX exporter (its /metrics, with the chart's rules helm/files/connect-metrics.yml); empty turns it off.
METRICS_PORTS ?= 9404,9405
HEAP ?= 512m
TASKS ?=
PRINT ?=
BOOTSTRAP ?= 127.0.0.1:$(BROKER_PORT)
READ_COMMITTED ?=
# FORMAT=avro: values in Avro through Apicurio Registry (one more local process on REGISTRY_PORT, data in DATA/avro).
FORMAT ?= json
REGISTRY_PORT ?= 8081
REGISTRY_MANAGEMENT_PORT ?= 9081
TOPIC ?= seq_1
# make consume: Kafka's own console consumer; in Avro with Apicurio's deserializer (from the converter's plugin folder).
CONVERTER_DIR = image/avro-converter/target/plugins/apicurio-converter
KAFKA_CLASSPATH = e2e/kafka-runtime/target/kafka-classpath.txt
CONSUME_AVRO_ARGS = --formatter-property value.deserializer=io.apicurio.registry.serde.avro.AvroKafkaDeserializer \
  --formatter-property value.deserializer.apicurio.registry.url=http://127.0.0.1:$(REGISTRY_PORT)/apis/registry/v2 \
  --formatter-property value.deserializer.apicurio.registry.as-confluent=true \
  --formatter-property value.deserializer.apicurio.registry.use-id=contentId \
  --formatter-property value.deserializer.apicurio.registry.headers.enabled=false
# The mains run as plain `java -cp`, not inside mvn exec:java, so Ctrl-C reaches their shutdown hooks.
# LOCAL_JAVA runs the local cluster's module (no Kubernetes jar on it); BENCH_JAVA the benchmarks'.
LOCAL_CLUSTER = e2e/local-cluster/target
RUNTIME_PROPS = -Dincrement.kafka.classpath.file=$(KAFKA_CLASSPATH) \
  -Dincrement.watchdog.jar="$$(ls $(LOCAL_CLUSTER)/increment-local-cluster-*-watchdog.jar)" \
  -Dincrement.plugin.path=connector/target/plugin \
  -Dincrement.jmx.exporter.jar=e2e/kafka-runtime/target/jmx-exporter/jmx_prometheus_javaagent.jar \
  -Dincrement.metrics.rules=helm/files/connect-metrics.yml \
  -Dincrement.registry.dir=e2e/registry-runtime/target/apicurio-registry \
  -Dincrement.registry.converter.plugin=$(CONVERTER_DIR)
LOCAL_JAVA = $(JAVA) -Xmx256m -cp "$(LOCAL_CLUSTER)/classes:$$(cat $(LOCAL_CLUSTER)/run-classpath.txt)" $(RUNTIME_PROPS)
BENCH_JAVA = $(JAVA) -Xmx256m -cp "e2e/bench/target/classes:$$(cat e2e/bench/target/bench-classpath.txt)" \
  $(RUNTIME_PROPS) -Dincrement.load.generator.preset=helm/examples/load-generator-values.yaml
RUN_ARGS = --format $(FORMAT) --data-dir $(DATA) --broker-port $(BROKER_PORT) \
  --controller-port $(CONTROLLER_PORT) --worker-ports $(WORKER_PORTS) --heap $(HEAP) \
  $(if $(METRICS_PORTS),--metrics-ports $(METRICS_PORTS),--no-metrics) \
  --registry-port $(REGISTRY_PORT) --registry-management-port $(REGISTRY_MANAGEMENT_PORT) \
  $(if $(TASKS),--tasks $(TASKS)) $(if $(PRINT),--print)
RUN_MAIN = com.example.increment.local.run.LocalRun

.PHONY: run-build
run-build: check-jdk
	$(MVN) $(MVN_FLAGS) -q -pl e2e/local-cluster -am package -DskipTests

.PHONY: run
run: run-build ## Broker + 2 Connect workers + the default connector, live view; Ctrl-C stops, a rerun continues
	$(LOCAL_JAVA) $(RUN_MAIN) $(RUN_ARGS)

.PHONY: run-standalone
run-standalone: run-build ## Standalone mode: connect-standalone, tasks.max=1; rerun with TASKS=2 continues
	$(LOCAL_JAVA) $(RUN_MAIN) --standalone $(RUN_ARGS)

.PHONY: consume
consume: check-jdk ## Print a sequence topic from the beginning, as kafka-(avro-)console-consumer does (TOPIC, FORMAT)
	@test -f $(KAFKA_CLASSPATH) -a -d $(CONVERTER_DIR) || $(MAKE) run-build
	$(JAVA) -cp "$$(cat $(KAFKA_CLASSPATH))$(if $(filter avro,$(FORMAT)),:$(CONVERTER_DIR)/*)" \
	  org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server $(BOOTSTRAP) --topic $(TOPIC) \
	  --from-beginning $(if $(filter avro,$(FORMAT)),$(CONSUME_AVRO_ARGS))

.PHONY: verify
verify: run-build ## Judge the running cluster's sequences: gaps, duplicates, pauses; exit 1 on a gap
	$(LOCAL_JAVA) com.example.increment.verify.VerifyCommand --bootstrap-server $(BOOTSTRAP) \
	  $(if $(filter avro,$(FORMAT)),--registry-url http://127.0.0.1:$(REGISTRY_PORT)) \
	  $(if $(READ_COMMITTED),--read-committed) $(if $(PRINT),--print)

##@ Image

# The image's name and tag: the parent pom's increment.image unless IMAGE is given. BASE_IMAGE overrides the
# Strimzi base (e.g. tar:///abs/base.tar or a mirror); empty means the pom's strimzi.base.image.
# AVRO=false leaves Apicurio's converter folder (/opt/kafka/plugins/apicurio-converter/) out of the image.
IMAGE ?=
BASE_IMAGE ?=
AVRO ?= true
DOCKER ?= docker
JIB = $(MVN) $(MVN_FLAGS) -pl image -am package -DskipTests $(if $(IMAGE),-Dincrement.image=$(IMAGE)) \
  $(if $(BASE_IMAGE),-Djib.from.image=$(BASE_IMAGE)) -Dincrement.image.avro=$(AVRO)

.PHONY: image
image: check-jdk ## Build the Connect image with Jib and push it (IMAGE=registry/increment-connect:TAG, AVRO=false)
	$(JIB) jib:build

.PHONY: image-tar
image-tar: check-jdk ## Write the Connect image as a tar to image/target/jib-image.tar, no daemon or registry
	$(JIB) jib:buildTar
	@echo "Image tar: image/target/jib-image.tar (k3s ctr images import ... | kind load image-archive ...)"

.PHONY: image-docker
image-docker: check-jdk ## Build the Connect image into the local Docker daemon (IMAGE=...)
	@$(DOCKER) info >/dev/null 2>&1 || { \
	  echo "make image-docker needs a running Docker daemon ('$(DOCKER) info' failed)." >&2; \
	  echo "Use 'make image-tar' and load the tar, or 'make image IMAGE=registry/increment-connect:TAG' to push." >&2; \
	  exit 1; }
	$(JIB) jib:dockerBuild

##@ Kubernetes

# Where `make deploy` installs: the current kubectl context, this namespace and release. HELM_ARGS adds flags,
# e.g. HELM_ARGS="-f helm/examples/prod-values.yaml" or HELM_ARGS="--set connect.image=registry/increment-connect:TAG".
HELM ?= helm
# The operator version: the parent pom's strimzi.version (the one pin; VersionAgreementTest checks the copies).
STRIMZI_VERSION := $(shell sed -n 's:.*<strimzi.version>\(.*\)</strimzi.version>.*:\1:p' pom.xml)
NAMESPACE ?= increment
RELEASE ?= increment
HELM_ARGS ?=
MANIFEST_TESTS = $(MVN) $(MVN_FLAGS) -pl e2e/manifests -am test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkubectl=$(KUBECTL)

.PHONY: helm-lint
helm-lint: check-jdk ## `helm lint --strict` and the values-schema checks, through the real Helm in-process
	$(MANIFEST_TESTS) -Dtest='HelmChartTest,ValuesSchemaTest'

.PHONY: k8s-validate
k8s-validate: check-jdk ## Render the chart and every Kustomize overlay; check them against Strimzi's CRD schemas
	$(MANIFEST_TESTS) -Dtest='com.example.increment.manifests.**'

.PHONY: helm-docs
helm-docs: check-jdk ## Regenerate helm/README.md's values table from values.yaml (a test fails when stale)
	$(MANIFEST_TESTS) -Dtest=ValuesTableTest -Dincrement.helm.docs.write=true

.PHONY: k8s-manifests
k8s-manifests: check-jdk ## Regenerate k8s/ (base, components, overlays) from the chart (a test fails when stale)
	$(MANIFEST_TESTS) -Dtest=K8sManifestsTest -Dincrement.k8s.write=true

.PHONY: deploy
deploy: ## Install or upgrade the chart on the current kubectl context, once the Strimzi operator is there
	@command -v $(HELM) >/dev/null || { \
	  echo "make deploy needs the helm CLI ('$(HELM)' not found): https://helm.sh/docs/intro/install/" >&2; exit 1; }
	@$(KUBECTL) config current-context >/dev/null || { \
	  echo "No current kubectl context: point kubectl at a cluster first." >&2; exit 1; }
	@$(KUBECTL) get crd kafkaconnects.kafka.strimzi.io -o jsonpath='{.spec.versions[*].name}' 2>/dev/null \
	  | grep -qw v1 || { \
	  echo "The cluster '$$($(KUBECTL) config current-context)' has no Strimzi kafka.strimzi.io/v1 CRDs." >&2; \
	  echo "Install the operator first: $(HELM) install strimzi oci://quay.io/strimzi-helm/strimzi-kafka-operator" \
	    "--version $(STRIMZI_VERSION) -n $(NAMESPACE) --create-namespace" >&2; exit 1; }
	@$(KUBECTL) get deployments --all-namespaces -o name 2>/dev/null | grep -q 'strimzi-cluster-operator' || { \
	  echo "The Strimzi CRDs are there but no strimzi-cluster-operator Deployment is: nothing would reconcile" \
	    "the CRs." >&2; exit 1; }
	$(HELM) upgrade --install $(RELEASE) ./helm --namespace $(NAMESPACE) --create-namespace $(HELM_ARGS)

.PHONY: undeploy
undeploy: ## Uninstall the chart's release from the current context; the Strimzi operator and its CRDs stay
	@command -v $(HELM) >/dev/null || { echo "make undeploy needs the helm CLI ('$(HELM)' not found)." >&2; exit 1; }
	$(HELM) uninstall $(RELEASE) --namespace $(NAMESPACE)

##@ Test

.PHONY: test
test: check-jdk ## Run every test: unit, local-cluster e2e scenarios, image and manifest checks (~22 min on 2 cores)
	$(MVN) $(MVN_FLAGS) verify -Dkubectl=$(KUBECTL)

.PHONY: unit
unit: check-jdk ## Run every test that starts no Kafka process: the fast loop (~2 min on 2 cores)
	$(MVN) $(MVN_FLAGS) verify -Dkubectl=$(KUBECTL) -Dincrement.test.excludedGroups=k8s,local-cluster

.PHONY: e2e
e2e: check-jdk ## Run the e2e scenarios on local processes (~16 min); report in e2e/scenarios/target/e2e-report/
	$(MVN) $(MVN_FLAGS) -pl e2e/scenarios -am package -Dtest='**/scenarios/*Test' -Dsurefire.failIfNoSpecifiedTests=false
	@echo "Report: e2e/scenarios/target/e2e-report/README.md (outage table), <scenario>.md and .png timelines"

# Which Kubernetes `make e2e-k8s` uses: auto (KUBECONFIG if set, else K3s in Docker), kubeconfig or k3s.
K8S_TARGET ?= auto

.PHONY: e2e-k8s
e2e-k8s: check-jdk ## Run the e2e suite on K3s (Docker) or KUBECONFIG; skips with the reason otherwise
	$(MVN) $(MVN_FLAGS) -pl e2e/kubernetes -am test -Dgroups=k8s -Dincrement.test.excludedGroups= \
	  -Dsurefire.failIfNoSpecifiedTests=false -Dincrement.k8s.target=$(K8S_TARGET)
	@grep -h -o 'Kubernetes e2e skipped: [^"]*' e2e/kubernetes/target/surefire-reports/TEST-*.xml 2>/dev/null \
	  | sort -u || true

##@ Benchmarks

# make bench / bench-soak knobs; empty means BenchMain's default (method and figures: BENCHMARKS.md).
BENCH_ONLY ?=
BENCH_JIT_WARMUP ?=
BENCH_RUNS ?=
BENCH_WARMUP ?=
BENCH_WINDOW ?=
BENCH_REBALANCE_DELAY ?=
BENCH_SESSION_TIMEOUT ?=
BENCH_FAILOVER_RUNS ?=
BENCH_OUT ?= target/bench
SOAK ?= 10m
SOAK_INTERVAL ?= 30s
BENCH_ARGS = --out $(BENCH_OUT) $(if $(BENCH_ONLY),--only $(BENCH_ONLY)) \
  $(if $(BENCH_JIT_WARMUP),--jit-warmup $(BENCH_JIT_WARMUP)) $(if $(BENCH_RUNS),--runs $(BENCH_RUNS)) \
  $(if $(BENCH_WARMUP),--warmup $(BENCH_WARMUP)) $(if $(BENCH_WINDOW),--window $(BENCH_WINDOW)) \
  $(if $(BENCH_REBALANCE_DELAY),--rebalance-delay $(BENCH_REBALANCE_DELAY)) \
  $(if $(BENCH_SESSION_TIMEOUT),--session-timeout $(BENCH_SESSION_TIMEOUT)) \
  $(if $(BENCH_FAILOVER_RUNS),--failover-runs $(BENCH_FAILOVER_RUNS))

.PHONY: bench-build
bench-build: check-jdk
	$(MVN) $(MVN_FLAGS) -q -pl e2e/bench -am package -DskipTests

.PHONY: bench
bench: bench-build ## Throughput against a tuned producer, exactly-once cost, profiles, failover, start-up; target/bench/ (~10 min)
	$(BENCH_JAVA) com.example.increment.bench.BenchMain $(BENCH_ARGS)

.PHONY: bench-soak
bench-soak: bench-build ## Steady load for SOAK (10m), each worker's live heap sampled every SOAK_INTERVAL
	$(BENCH_JAVA) com.example.increment.bench.BenchMain --out $(BENCH_OUT) --soak $(SOAK) \
	  --soak-interval $(SOAK_INTERVAL)

##@ Clean

.PHONY: clean
clean: check-jdk ## Remove build output and the local cluster's data folder (sequences start afresh)
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf -- "$(DATA)"
