package com.example.increment.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a worker logs when it joins its group ({@code Joined group at generation N ... got assignment: Assignment{...
 * leaderUrl='http://host:8083/' ...}}): the one reader of that line. {@code GET /} does not name the leader; this
 * line does.
 *
 * @param generation the group generation, when the line carries it
 */
public record GroupAssignment(OptionalInt generation, String leaderUrl) {

    private static final Pattern LINE = Pattern.compile(
            "(?:generation (\\d+) .*?)?got assignment: .*?leaderUrl='([^']*)'");

    /** The assignment a log line reports, if it is such a line. */
    public static Optional<GroupAssignment> parse(String line) {
        Matcher m = LINE.matcher(line);
        return m.find() ? Optional.of(of(m)) : Optional.empty();
    }

    /** Every assignment in a stretch of log, oldest first. */
    public static List<GroupAssignment> in(String log) {
        List<GroupAssignment> found = new ArrayList<>();
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            found.add(of(m));
        }
        return found;
    }

    /** The leader's {@code host:port} (its worker id), without scheme and trailing slash; empty when none is named. */
    public Optional<String> leader() {
        String hostPort = leaderUrl.replaceFirst("^https?://", "").replaceFirst("/$", "");
        return hostPort.isBlank() ? Optional.empty() : Optional.of(hostPort);
    }

    private static GroupAssignment of(Matcher m) {
        return new GroupAssignment(m.group(1) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(1))),
                m.group(2));
    }
}
