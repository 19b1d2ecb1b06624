package com.example.increment.manifests;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The documents one rendering produced (a Helm values set or a Kustomize overlay), with where they came from. */
record Rendered(String source, List<ObjectNode> documents) {

    static String kind(ObjectNode document) {
        return document.path("kind").asText();
    }

    static String name(ObjectNode document) {
        return document.path("metadata").path("name").asText();
    }

    static String id(ObjectNode document) {
        return kind(document) + "/" + name(document);
    }

    List<ObjectNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind(d).equals(kind)).toList();
    }

    Optional<ObjectNode> find(String kind) {
        List<ObjectNode> found = ofKind(kind);
        if (found.size() > 1) {
            throw new IllegalStateException(source + " renders " + found.size() + " " + kind + "s, expected at most one");
        }
        return found.stream().findFirst();
    }

    ObjectNode only(String kind) {
        return find(kind).orElseThrow(() -> new AssertionError(source + " renders no " + kind));
    }

    @Override
    public String toString() {
        return source;
    }
}
