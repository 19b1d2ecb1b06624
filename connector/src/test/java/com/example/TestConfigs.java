package com.example;

import java.util.HashMap;
import java.util.Map;

/** Connector settings for tests: the default config (increments=1,100, topic.prefix=seq_), with overrides. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** The default settings: increments=1,100, topic.prefix=seq_. */
    static Map<String, String> defaults() {
        return props(IncrementSourceConfig.INCREMENTS_CONFIG, "1,100", IncrementSourceConfig.TOPIC_PREFIX_CONFIG, "seq_");
    }

    /** Settings from key/value pairs; a null value leaves the key out. */
    static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                props.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return props;
    }

    /** The default settings with some replaced (a null value removes the key). */
    static Map<String, String> labWith(String... keysAndValues) {
        Map<String, String> props = defaults();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                props.remove(keysAndValues[i]);
            } else {
                props.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return props;
    }
}
