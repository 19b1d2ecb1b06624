package com.example.increment.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The decoder against a stand-in for the registry's {@code /schemas/ids/{id}} (the real one runs in the e2e test). */
class ConfluentAvroDecoderTest {

    private static final int SCHEMA_ID = 7;
    private static final Schema SCHEMA = SchemaBuilder.record("Increment").namespace("com.example.increment").fields()
            .requiredLong("threadId").requiredString("hostname").requiredLong("value").endRecord();

    private final AtomicInteger lookups = new AtomicInteger();
    private HttpServer server;
    private ConfluentAvroDecoder decoder;

    @BeforeEach
    void serveTheSchemaById() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("/" + SCHEMA_ID);
            lookups.incrementAndGet();
            byte[] body = (known ? "{\"schema\":" + com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                    .writeValueAsString(SCHEMA.toString()) + "}" : "{\"error_code\":40403}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        decoder = new ConfluentAvroDecoder(new CcompatClient(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void decodesTheConfluentWireFormatWithTheWriterSchemaFetchedOnceById() throws Exception {
        GenericRecord first = decoder.decode(confluentBytes(SCHEMA_ID, record(42, "host-a", 300)), "seq_100-0@2");
        GenericRecord second = decoder.decode(confluentBytes(SCHEMA_ID, record(42, "host-a", 400)), "seq_100-0@3");

        assertThat(first.get("value")).isEqualTo(300L);
        assertThat(first.get("threadId")).isEqualTo(42L);
        assertThat(first.get("hostname").toString()).isEqualTo("host-a");
        assertThat(second.get("value")).isEqualTo(400L);
        assertThat(lookups).as("schema fetched once, then cached by id").hasValue(1);
    }

    @Test
    void aValueThatIsNotConfluentAvroIsRejectedNamingTheRecord() {
        byte[] json = "{\"value\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(json, "seq_1-0@5"))
                .hasMessageContaining("seq_1-0@5").hasMessageContaining("magic byte 0");
    }

    @Test
    void anUnknownSchemaIdFailsNamingTheRegistryUrl() throws Exception {
        assertThatThrownBy(() -> decoder.decode(confluentBytes(99, record(1, "h", 1)), "seq_1-0@0"))
                .hasMessageContaining("/apis/ccompat/v7/schemas/ids/99").hasMessageContaining("404");
    }

    private static GenericRecord record(long threadId, String hostname, long value) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("threadId", threadId);
        r.put("hostname", hostname);
        r.put("value", value);
        return r;
    }

    private static byte[] confluentBytes(int schemaId, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
