package com.example.increment.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/** The default connector: the name, class and config {@code make run} creates it with (JSON values). */
public final class IncrementConnector {

    public static final String NAME = "kafka-connect-increment";
    public static final String CLASS = "com.example.IncrementSourceConnector";
    public static final String TOPIC_PREFIX = "seq_";
    public static final String INCREMENTS = "1,100";

    private IncrementConnector() {
    }

    /** {@code increments=1,100}, {@code topic.prefix=seq_}, string keys and schemaless JSON values. */
    public static Map<String, String> config(int tasksMax) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", CLASS);
        c.put("increments", INCREMENTS);
        c.put("tasks.max", Integer.toString(tasksMax));
        c.put("topic.prefix", TOPIC_PREFIX);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        return c;
    }

    /** The same, with a name: standalone mode's {@code connector1.properties}. */
    public static Map<String, String> standaloneProperties(int tasksMax) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("name", NAME);
        c.putAll(config(tasksMax));
        return c;
    }
}
