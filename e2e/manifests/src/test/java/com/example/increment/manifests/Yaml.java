package com.example.increment.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Multi-document YAML in and out, as Jackson trees. */
final class Yaml {

    static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    /** Every non-empty document of a YAML stream, as objects. */
    static List<ObjectNode> documents(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object && !object.isEmpty()) {
                    documents.add(object);
                } else if (node != null && !node.isNull() && !node.isMissingNode()) {
                    throw new IllegalArgumentException("A YAML document is not an object: " + node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
