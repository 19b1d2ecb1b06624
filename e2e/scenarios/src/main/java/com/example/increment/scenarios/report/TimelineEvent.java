package com.example.increment.scenarios.report;

import java.awt.Color;
import java.time.Instant;

/** Something a scenario did to the cluster at an instant: drawn as a vertical line on the timeline. */
public record TimelineEvent(Instant at, Kind kind, String label) {

    /** What kind of disturbance, which decides the line's colour. */
    public enum Kind {
        KILL(new Color(0xC6, 0x28, 0x28)),
        STOP(new Color(0xEF, 0x6C, 0x00)),
        RESTART(new Color(0x2E, 0x7D, 0x32)),
        CHANGE(new Color(0x15, 0x65, 0xC0));

        private final Color color;

        Kind(Color color) {
            this.color = color;
        }

        public Color color() {
            return color;
        }
    }
}
