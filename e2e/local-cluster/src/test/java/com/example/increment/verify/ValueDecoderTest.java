package com.example.increment.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The JSON decoder the verifier and the live view use by default: a sequence value, or an error naming the record. */
class ValueDecoderTest {

    @Test
    void decodesTheDefaultJsonValue() {
        SequenceRecord r = ValueDecoder.json().decode(record("{\"threadId\":7,\"hostname\":\"h1\",\"value\":300}"));

        assertThat(r.topic()).isEqualTo("seq_100");
        assertThat(r.offset()).isEqualTo(2);
        assertThat(r.key()).isEqualTo("100");
        assertThat(r.value()).isEqualTo(300);
        assertThat(r.threadId()).isEqualTo(7);
        assertThat(r.hostname()).isEqualTo("h1");
    }

    @Test
    void aValueWithoutTheValueFieldNamesTheRecordAndTheExpectedShape() {
        assertThatThrownBy(() -> ValueDecoder.json().decode(record("{\"threadId\":7}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seq_100-0@2")
                .hasMessageContaining("{\"threadId\":..,\"hostname\":..,\"value\":..}");
    }

    @Test
    void aRecordPrintsAsTheJsonItIsReadFrom() {
        String json = "{\"threadId\":7,\"hostname\":\"h1\",\"value\":300}";

        assertThat(ValueDecoder.json().decode(record(json)).asJson()).isEqualTo(json);
    }

    private static ConsumerRecord<String, byte[]> record(String json) {
        return new ConsumerRecord<>("seq_100", 0, 2, "100", json.getBytes(StandardCharsets.UTF_8));
    }
}
