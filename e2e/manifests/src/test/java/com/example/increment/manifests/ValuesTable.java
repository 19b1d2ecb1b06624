package com.example.increment.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The values table of helm/README.md, generated from values.yaml's {@code # --} comments (helm-docs' convention):
 * a comment line starting with {@code # --} (continued by further {@code #} lines) documents the key below it.
 */
final class ValuesTable {

    static final String START = "<!-- values-table:start (generated from values.yaml by `make helm-docs`) -->";
    static final String END = "<!-- values-table:end -->";

    private static final Pattern KEY = Pattern.compile("^( *)([^\\s#:][^:]*?):(?:\\s+(.*))?$");

    record Row(String key, String type, String defaultValue, String description) {
    }

    /** Documented values, and the scalar values that have no {@code # --} comment on them or on a parent. */
    record Parsed(List<Row> rows, List<String> undocumented) {
    }

    private record Level(int indent, String key, boolean documented) {
    }

    private ValuesTable() {
    }

    static Parsed parse(Path valuesYaml) {
        List<String> lines;
        try {
            lines = Files.readAllLines(valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode tree = Yaml.read(valuesYaml);
        List<Row> rows = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        Deque<Level> stack = new ArrayDeque<>();
        StringBuilder doc = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("# --")) {
                doc = new StringBuilder(stripped.substring(4).strip());
                continue;
            }
            if (stripped.startsWith("#")) {
                if (doc != null) {
                    doc.append(' ').append(stripped.substring(1).strip());
                }
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (stripped.isEmpty() || !key.matches()) {
                doc = null;
                continue;
            }
            int indent = key.group(1).length();
            while (!stack.isEmpty() && stack.peek().indent() >= indent) {
                stack.pop();
            }
            List<String> path = new ArrayList<>();
            stack.descendingIterator().forEachRemaining(level -> path.add(level.key()));
            path.add(key.group(2));
            boolean parentDocumented = stack.stream().anyMatch(Level::documented);
            JsonNode value = tree;
            for (String segment : path) {
                value = value.path(segment);
            }
            if (doc != null && !parentDocumented) {
                rows.add(new Row(String.join(".", path), type(value), defaultValue(value), doc.toString().strip()));
            } else if (doc == null && !parentDocumented && !value.isObject()) {
                undocumented.add(String.join(".", path));
            }
            stack.push(new Level(indent, key.group(2), doc != null || parentDocumented));
            doc = null;
        }
        return new Parsed(rows, undocumented);
    }

    static String markdown(List<Row> rows) {
        StringBuilder table = new StringBuilder("| Key | Type | Default | Description |\n|-----|------|---------|-------------|\n");
        for (Row row : rows) {
            table.append("| `").append(row.key()).append("` | ").append(row.type()).append(" | `")
                    .append(cell(row.defaultValue())).append("` | ").append(cell(row.description())).append(" |\n");
        }
        return table.toString();
    }

    /** The README with its values section replaced by {@code table}. */
    static String withTable(String readme, String table) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("helm/README.md has no values section between '" + START + "' and '" + END + "'");
        }
        return readme.substring(0, start + START.length()) + "\n" + table + readme.substring(end);
    }

    private static String type(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "int";
        }
        if (value.isNumber()) {
            return "float";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        return value.isArray() ? "list" : "object";
    }

    private static String defaultValue(JsonNode value) {
        return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
