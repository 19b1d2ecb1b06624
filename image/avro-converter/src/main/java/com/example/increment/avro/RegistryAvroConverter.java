package com.example.increment.avro;

import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.utils.converter.AvroConverter;

/**
 * Apicurio's {@link AvroConverter}, unchanged but for its errors: when the registry is unreachable or rejects the
 * schema, Apicurio throws a bare {@code RestClientException}, and the failed task's trace names neither the registry
 * nor the subject. This says both, so the person reading {@code /status} knows where to look.
 */
public class RegistryAvroConverter<T> extends AvroConverter<T> {

    static final String REGISTRY_URL_CONFIG = "apicurio.registry.url";

    private String registryUrl = "(apicurio.registry.url not set)";
    private String subjectSuffix = "-value";

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object url = configs.get(REGISTRY_URL_CONFIG);
        if (url != null) {
            registryUrl = url.toString();
        }
        subjectSuffix = isKey ? "-key" : "-value";
        super.configure(configs, isKey);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        try {
            return super.fromConnectData(topic, schema, value);
        } catch (RuntimeException e) {
            throw explained("Cannot write", topic, e);
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        try {
            return super.fromConnectData(topic, headers, schema, value);
        } catch (RuntimeException e) {
            throw explained("Cannot write", topic, e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        try {
            return super.toConnectData(topic, value);
        } catch (RuntimeException e) {
            throw explained("Cannot read", topic, e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        try {
            return super.toConnectData(topic, headers, value);
        } catch (RuntimeException e) {
            throw explained("Cannot read", topic, e);
        }
    }

    private DataException explained(String what, String topic, RuntimeException e) {
        return new DataException(what + " Avro for topic '" + topic + "' through the schema registry " + registryUrl
                + " (subject '" + topic + subjectSuffix + "'): " + describe(e)
                + ". Check that the registry is reachable from the worker and accepts the schema.", e);
    }

    /** The cause chain's types and messages: Apicurio's REST exceptions often carry no message of their own. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t instanceof RestClientException r && r.getError() != null) {
                // The registry's (or the client's) error body: name, code, message, e.g. a connection refused.
                sb.append(": ").append(r.getError().getName());
                if (r.getError().getErrorCode() != null) {
                    sb.append(' ').append(r.getError().getErrorCode());
                }
                if (r.getError().getMessage() != null) {
                    sb.append(' ').append(r.getError().getMessage());
                }
            } else if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }
}
