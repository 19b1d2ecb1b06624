package com.example.increment.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class GroupAssignmentTest {

    private static final String JOINED = "[2026-11-25 16:00:31,500] INFO [Worker clientId=connect-1] Joined group at"
            + " generation 7 with protocol version 2 and got assignment: Assignment{error=0, leader='connect-a',"
            + " leaderUrl='http://127.0.0.1:8084/', offset=3} with rebalance delay: 0";

    @Test
    void readsTheGenerationAndTheLeadersWorkerId() {
        GroupAssignment a = GroupAssignment.parse(JOINED).orElseThrow();
        assertThat(a.generation()).isEqualTo(OptionalInt.of(7));
        assertThat(a.leader()).contains("127.0.0.1:8084");
    }

    @Test
    void findsEveryAssignmentInALogOldestFirstAndIgnoresOtherLines() {
        String log = "some other line\n" + JOINED + "\n" + JOINED.replace("generation 7", "generation 8")
                .replace("8084", "8083") + "\nleaderUrl='not an assignment'\n";
        assertThat(GroupAssignment.in(log)).extracting(a -> a.generation().getAsInt()).containsExactly(7, 8);
        assertThat(GroupAssignment.in(log).get(1).leader()).contains("127.0.0.1:8083");
    }

    @Test
    void anAssignmentWithoutALeaderNamesNone() {
        assertThat(GroupAssignment.parse("got assignment: leaderUrl=''").orElseThrow().leader()).isEmpty();
        assertThat(GroupAssignment.parse("Finished starting connectors and tasks")).isEmpty();
    }
}
