package com.example.increment.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON 6902 operations that turn one tree into another: objects key by key, arrays and scalars whole. */
final class JsonPatchDiff {

    private JsonPatchDiff() {
    }

    static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode ops = Yaml.MAPPER.createArrayNode();
        diff("", from, to, ops);
        return ops;
    }

    private static void diff(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        if (from.equals(to)) {
            return;
        }
        if (from instanceof ObjectNode a && to instanceof ObjectNode b) {
            a.properties().forEach(field -> {
                if (!b.has(field.getKey())) {
                    ops.addObject().put("op", "remove").put("path", path + "/" + escape(field.getKey()));
                }
            });
            b.properties().forEach(field -> {
                String child = path + "/" + escape(field.getKey());
                JsonNode old = a.get(field.getKey());
                if (old == null) {
                    ops.addObject().put("op", "add").put("path", child).set("value", field.getValue());
                } else {
                    diff(child, old, field.getValue(), ops);
                }
            });
            return;
        }
        ops.addObject().put("op", "replace").put("path", path).set("value", to);
    }

    /** RFC 6901: '~' and '/' inside a key. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
