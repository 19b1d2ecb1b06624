package com.example.increment.local.monitoring;

/**
 * One Connect worker's exporter as Prometheus scrapes it: its address and the {@code pod} label the alerts and the
 * dashboard group by (on Kubernetes the pod's name; here the worker id, {@code 127.0.0.1:<REST port>}).
 */
public record ScrapeTarget(String address, String pod) {
}
