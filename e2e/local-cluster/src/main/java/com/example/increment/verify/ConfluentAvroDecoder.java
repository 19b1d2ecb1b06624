package com.example.increment.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes record values in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary), fetching
 * each writer schema once by id from the registry's Confluent-compatible API: what a Confluent deserializer does,
 * with only Avro itself on the classpath (Apicurio's serde brings its own Jackson and Avro lines).
 */
public final class ConfluentAvroDecoder {

    private static final byte MAGIC_BYTE = 0;
    private static final int HEADER_LENGTH = 5;

    private final CcompatClient registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

    public ConfluentAvroDecoder(CcompatClient registry) {
        this.registry = registry;
    }

    /** The value as a record of its writer schema; {@code where} names the record in error messages. */
    public GenericRecord decode(byte[] value, String where) {
        if (value == null || value.length < HEADER_LENGTH || value[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException(where + " is not in the Confluent Avro wire format (magic byte 0, "
                    + "4-byte schema id, Avro binary): " + describe(value));
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(id,
                i -> new GenericDatumReader<>(new Schema.Parser().parse(registry.schemaById(i))));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH,
                    value.length - HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + " does not decode with schema id " + id + " from "
                    + registry.url() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(byte[] value) {
        if (value == null) {
            return "null";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(value.length, 16); i++) {
            hex.append(String.format("%02x", value[i]));
        }
        return value.length + " bytes starting " + hex;
    }
}
