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
	$(MVN) $(MVN_FLAGS) -pl connector test -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dconfig-docs.update=true

##@ Run

# The local cluster (make run): where its data lives, its loopback ports, each process's heap. A second run with
# the same DATA continues every sequence; `make clean` (or another DATA) starts afresh.
DATA ?= data
BROKER_PORT ?= 9092
CONTROLLER_PORT ?= 9093
WORKER_PORTS ?= 8083,8084
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
RUN_MAIN = $(if $(filter avro,$(FORMAT)),com.example.increment.registry.run.AvroLocalRun \
  --registry-port $(REGISTRY_PORT) --registry-management-port $(REGISTRY_MANAGEMENT_PORT),com.example.increment.cluster.run.LocalRun)
# make consume: Kafka's own console consumer; in Avro with Apicurio's deserializer (from the converter's plugin folder).
CONSUME_AVRO_ARGS = --formatter-property value.deserializer=io.apicurio.registry.serde.avro.AvroKafkaDeserializer \
  --formatter-property value.deserializer.apicurio.registry.url=http://127.0.0.1:$(REGISTRY_PORT)/apis/registry/v2 \
  --formatter-property value.deserializer.apicurio.registry.as-confluent=true \
  --formatter-property value.deserializer.apicurio.registry.use-id=contentId \
  --formatter-property value.deserializer.apicurio.registry.headers.enabled=false
# The mains run as plain `java -cp`, not inside mvn exec:java, so Ctrl-C reaches their shutdown hooks.
E2E_JAVA = $(JAVA) -Xmx256m -cp "e2e/target/classes:$$(cat e2e/target/e2e-classpath.txt)" \
  -Dincrement.kafka.classpath.file=e2e/kafka-runtime/target/kafka-classpath.txt \
  -Dincrement.watchdog.jar="$$(ls e2e/target/increment-e2e-*-watchdog.jar)" \
  -Dincrement.plugin.path=connector/target/plugin
RUN_ARGS = --data-dir $(DATA) --broker-port $(BROKER_PORT) --controller-port $(CONTROLLER_PORT) \
  --worker-ports $(WORKER_PORTS) --heap $(HEAP) $(if $(TASKS),--tasks $(TASKS)) $(if $(PRINT),--print)

.PHONY: run-build
run-build: check-jdk
	$(MVN) $(MVN_FLAGS) -q -pl e2e -am package -DskipTests

.PHONY: run
run: run-build ## Broker + 2 Connect workers + the lab's connector, live view; Ctrl-C stops, rerun continues (FORMAT=avro, PRINT=1, TASKS, DATA, *_PORT*, HEAP)
	$(E2E_JAVA) $(RUN_MAIN) $(RUN_ARGS)

.PHONY: run-standalone
run-standalone: run-build ## The lab's module 3: connect-standalone, tasks.max=1; rerun with TASKS=2 continues (data in DATA/standalone; FORMAT=avro)
	$(E2E_JAVA) $(RUN_MAIN) --standalone $(RUN_ARGS)

.PHONY: consume
consume: check-jdk ## Print a sequence topic from the beginning, like the lab's kafka-(avro-)console-consumer (TOPIC=seq_1, FORMAT=avro, BOOTSTRAP)
	@test -f e2e/kafka-runtime/target/kafka-classpath.txt -a -d e2e/registry-runtime/target/plugins/apicurio-converter || $(MAKE) run-build
	$(JAVA) -cp "$$(cat e2e/kafka-runtime/target/kafka-classpath.txt)$(if $(filter avro,$(FORMAT)),:e2e/registry-runtime/target/plugins/apicurio-converter/*)" \
	  org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server $(BOOTSTRAP) --topic $(TOPIC) --from-beginning \
	  $(if $(filter avro,$(FORMAT)),$(CONSUME_AVRO_ARGS))

.PHONY: verify
verify: run-build ## Check the running cluster's sequences: gaps, duplicates, pauses; exit 1 on a gap (BOOTSTRAP, FORMAT=avro, READ_COMMITTED=1, PRINT=1)
	$(E2E_JAVA) com.example.increment.verify.VerifyCommand --bootstrap-server $(BOOTSTRAP) \
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
JIB = $(MVN) $(MVN_FLAGS) -pl image -am package -DskipTests $(if $(IMAGE),-Dincrement.image=$(IMAGE)) $(if $(BASE_IMAGE),-Djib.from.image=$(BASE_IMAGE)) \
  -Dincrement.image.avro=$(AVRO)

.PHONY: image
image: check-jdk ## Build the Connect image with Jib and push it to a registry (IMAGE=registry/increment-connect:TAG, AVRO=false)
	$(JIB) jib:build

.PHONY: image-tar
image-tar: check-jdk ## Write the Connect image as a Docker tar to image/target/jib-image.tar, no daemon or registry (IMAGE=...)
	$(JIB) jib:buildTar
	@echo "Image tar: image/target/jib-image.tar (k3s ctr images import ... | kind load image-archive ...)"

.PHONY: image-docker
image-docker: check-jdk ## Build the Connect image into the local Docker daemon (IMAGE=...)
	@$(DOCKER) info >/dev/null 2>&1 || { echo "make image-docker needs a running Docker daemon ('$(DOCKER) info' failed)." \
	  "Use 'make image-tar' and load the tar, or 'make image IMAGE=registry/increment-connect:TAG' to push." >&2; exit 1; }
	$(JIB) jib:dockerBuild

##@ Kubernetes

# Where `make deploy` installs: the current kubectl context, this namespace and release. HELM_ARGS adds flags,
# e.g. HELM_ARGS="-f helm/ci/prod-values.yaml" or HELM_ARGS="--set connect.image=registry/increment-connect:TAG".
HELM ?= helm
NAMESPACE ?= increment
RELEASE ?= increment
HELM_ARGS ?=
MANIFEST_TESTS = $(MVN) $(MVN_FLAGS) -pl e2e -am test -Dsurefire.failIfNoSpecifiedTests=false -Dkubectl=$(KUBECTL)

.PHONY: helm-lint
helm-lint: check-jdk ## `helm lint --strict` and the values-schema checks, through the real Helm in-process (no helm CLI needed)
	$(MANIFEST_TESTS) -Dtest='HelmChartTest,ValuesSchemaTest'

.PHONY: k8s-validate
k8s-validate: check-jdk ## Render the chart (values matrix) and every Kustomize overlay; check them against Strimzi 1.2's CRD schemas
	$(MANIFEST_TESTS) -Dtest='com.example.increment.manifests.**'

.PHONY: helm-docs
helm-docs: check-jdk ## Regenerate helm/README.md's values table from values.yaml's `# --` comments (a test fails when stale)
	$(MANIFEST_TESTS) -Dtest=ValuesTableTest -Dincrement.helm.docs.write=true

.PHONY: deploy
deploy: ## Install or upgrade the chart on the current kubectl context, after checking the Strimzi 1.2 operator is there (NAMESPACE, RELEASE, HELM_ARGS)
	@command -v $(HELM) >/dev/null || { echo "make deploy needs the helm CLI ('$(HELM)' not found): https://helm.sh/docs/intro/install/" >&2; exit 1; }
	@$(KUBECTL) config current-context >/dev/null || { echo "No current kubectl context: point kubectl at a cluster first." >&2; exit 1; }
	@$(KUBECTL) get crd kafkaconnects.kafka.strimzi.io -o jsonpath='{.spec.versions[*].name}' 2>/dev/null | grep -qw v1 || { 	  echo "The cluster '$$($(KUBECTL) config current-context)' has no Strimzi kafka.strimzi.io/v1 CRDs. Install the operator first:" >&2; 	  echo "  $(HELM) install strimzi oci://quay.io/strimzi-helm/strimzi-kafka-operator --version 1.2.0 -n $(NAMESPACE) --create-namespace" >&2; exit 1; }
	@$(KUBECTL) get deployments --all-namespaces -o name 2>/dev/null | grep -q 'strimzi-cluster-operator' || { 	  echo "The Strimzi CRDs are there but no strimzi-cluster-operator Deployment is: nothing would reconcile the CRs." >&2; exit 1; }
	$(HELM) upgrade --install $(RELEASE) ./helm --namespace $(NAMESPACE) --create-namespace $(HELM_ARGS)

.PHONY: undeploy
undeploy: ## Uninstall the chart's release from the current context; the Strimzi operator and its CRDs stay (NAMESPACE, RELEASE)
	@command -v $(HELM) >/dev/null || { echo "make undeploy needs the helm CLI ('$(HELM)' not found)." >&2; exit 1; }
	$(HELM) uninstall $(RELEASE) --namespace $(NAMESPACE)

##@ Test

.PHONY: test
test: check-jdk ## Run every test: unit, local-cluster e2e scenarios, image and manifest checks (~12 min on 2 cores, plus first downloads)
	$(MVN) $(MVN_FLAGS) verify -Dkubectl=$(KUBECTL)

.PHONY: e2e
e2e: check-jdk ## Run the e2e scenarios (kill, stop, delay, scale, tasks.max, exactly-once, chaos) on local processes (~11 min); report in e2e/target/e2e-report/
	$(MVN) $(MVN_FLAGS) -pl e2e -am package -Dtest='**/scenarios/*Test' -Dsurefire.failIfNoSpecifiedTests=false
	@echo "Report: e2e/target/e2e-report/README.md (outage table), one <scenario>.md and <scenario>.png timeline each"

# Which Kubernetes `make e2e-k8s` uses: auto (KUBECONFIG if set, else K3s in Docker), kubeconfig or k3s.
K8S_TARGET ?= auto

.PHONY: e2e-k8s
e2e-k8s: check-jdk ## Run the e2e suite on K3s (Docker) or KUBECONFIG; skips with the reason otherwise (K8S_TARGET, KUBECONFIG)
	$(MVN) $(MVN_FLAGS) -pl e2e -am test -Dgroups=k8s -Dincrement.test.excludedGroups= \
	  -Dsurefire.failIfNoSpecifiedTests=false -Dincrement.k8s.target=$(K8S_TARGET)
	@grep -h -o 'Kubernetes e2e skipped: [^"]*' e2e/target/surefire-reports/TEST-*.xml 2>/dev/null | sort -u || true

##@ Benchmarks

# make bench / bench-soak knobs; empty means BenchMain's default (method and figures: BENCHMARKS.md).
BENCH_ONLY ?=
BENCH_JIT_WARMUP ?=
BENCH_RUNS ?=
BENCH_WARMUP ?=
BENCH_WINDOW ?=
BENCH_DWELL ?=
BENCH_FAILOVER_RUNS ?=
BENCH_OUT ?= target/bench
SOAK ?= 10m
SOAK_INTERVAL ?= 30s
BENCH_ARGS = --out $(BENCH_OUT) $(if $(BENCH_ONLY),--only $(BENCH_ONLY)) $(if $(BENCH_JIT_WARMUP),--jit-warmup $(BENCH_JIT_WARMUP)) \
  $(if $(BENCH_RUNS),--runs $(BENCH_RUNS)) \
  $(if $(BENCH_WARMUP),--warmup $(BENCH_WARMUP)) $(if $(BENCH_WINDOW),--window $(BENCH_WINDOW)) \
  $(if $(BENCH_DWELL),--dwell $(BENCH_DWELL)) $(if $(BENCH_FAILOVER_RUNS),--failover-runs $(BENCH_FAILOVER_RUNS))

.PHONY: bench
bench: run-build ## Throughput vs VerifiableSource and ProducerPerformance, exactly-once cost, failover, start-up, RSS; table in target/bench/ (~6.5 min)
	$(E2E_JAVA) com.example.increment.bench.BenchMain $(BENCH_ARGS)

.PHONY: bench-soak
bench-soak: run-build ## IncrementSource under steady load for SOAK (10m) while each worker's live heap is sampled every SOAK_INTERVAL
	$(E2E_JAVA) com.example.increment.bench.BenchMain --out $(BENCH_OUT) --soak $(SOAK) --soak-interval $(SOAK_INTERVAL)

##@ Clean

.PHONY: clean
clean: check-jdk ## Remove build output and the local cluster's data folder (sequences start afresh)
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf -- "$(DATA)"
