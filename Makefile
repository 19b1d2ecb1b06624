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

##@ Test

.PHONY: test
test: check-jdk ## Run every test: unit, local-cluster e2e scenarios, image and manifest checks (~25 min)
	$(MVN) $(MVN_FLAGS) verify

##@ Clean

.PHONY: clean
clean: check-jdk ## Remove build output and the local cluster's data folder (sequences start afresh)
	$(MVN) $(MVN_FLAGS) -q clean
