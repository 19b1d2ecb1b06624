package com.example.increment.scenarios.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import com.example.increment.verify.SequenceRecord;
import com.example.increment.verify.SequenceReport;

/**
 * Draws a scenario's timeline as a PNG with plain Java2D: one lane per sequence showing records per second
 * (replayed duplicates stacked in red), and every kill, stop, restart or change as a labelled vertical line.
 */
public final class TimelineChart {

    private static final int WIDTH = 1400;
    private static final int LEFT = 170;
    private static final int RIGHT = 30;
    private static final int TOP = 110;
    private static final int LANE_HEIGHT = 90;
    private static final int LANE_GAP = 14;
    private static final int BOTTOM = 60;
    private static final int LABEL_ROWS = 4;
    private static final Color[] LANE_COLORS = {new Color(0x42, 0x85, 0xF4), new Color(0x7B, 0x1F, 0xA2),
            new Color(0x00, 0x89, 0x7B), new Color(0x5D, 0x40, 0x37), new Color(0xF9, 0xA8, 0x25),
            new Color(0x54, 0x6E, 0x7A)};
    private static final Color DUPLICATE = new Color(0xE5, 0x39, 0x35);

    private TimelineChart() {
    }

    /** Writes the picture of {@code result} to {@code file} (PNG). */
    public static void write(ScenarioResult result, Path file) {
        System.setProperty("java.awt.headless", "true");
        List<SequenceReport> lanes = List.copyOf(result.data().sequences().values());
        int height = TOP + Math.max(1, lanes.size()) * (LANE_HEIGHT + LANE_GAP) + BOTTOM;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            int seconds = (int) Math.max(1, Math.ceil(Duration.between(result.start(), result.end()).toMillis() / 1000.0));
            double pxPerSecond = (WIDTH - LEFT - RIGHT) / (double) seconds;
            drawTitle(g, result);
            for (int i = 0; i < lanes.size(); i++) {
                drawLane(g, result, lanes.get(i), TOP + i * (LANE_HEIGHT + LANE_GAP), seconds, pxPerSecond,
                        LANE_COLORS[i % LANE_COLORS.length]);
            }
            int axisY = TOP + lanes.size() * (LANE_HEIGHT + LANE_GAP);
            drawAxis(g, axisY, seconds, pxPerSecond);
            drawEvents(g, result, axisY, pxPerSecond);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the timeline picture " + file, e);
        }
    }

    private static void drawTitle(Graphics2D g, ScenarioResult result) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(result.id() + ": " + result.title(), 12, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString("records per second per sequence (by record timestamp); red = replayed duplicates; "
                + result.settings(), 12, 40);
    }

    private static void drawLane(Graphics2D g, ScenarioResult result, SequenceReport lane, int y, int seconds,
                                 double pxPerSecond, Color color) {
        int[] records = new int[seconds + 1];
        int[] duplicates = new int[seconds + 1];
        Set<Long> seen = new HashSet<>();
        for (SequenceRecord r : lane.records()) {
            int bin = (int) Math.floor(result.t(r.timestamp()));
            if (bin < 0 || bin > seconds) {
                continue;
            }
            if (seen.add(r.value())) {
                records[bin]++;
            } else {
                duplicates[bin]++;
            }
        }
        int max = 1;
        for (int i = 0; i <= seconds; i++) {
            max = Math.max(max, records[i] + duplicates[i]);
        }
        g.setColor(new Color(0xF5, 0xF5, 0xF5));
        g.fillRect(LEFT, y, WIDTH - LEFT - RIGHT, LANE_HEIGHT);
        int barWidth = Math.max(1, (int) Math.floor(pxPerSecond) - 1);
        for (int i = 0; i <= seconds; i++) {
            int x = LEFT + (int) Math.round(i * pxPerSecond);
            int h = (int) Math.round(records[i] * (LANE_HEIGHT - 4) / (double) max);
            int d = (int) Math.round(duplicates[i] * (LANE_HEIGHT - 4) / (double) max);
            g.setColor(color);
            g.fillRect(x, y + LANE_HEIGHT - h, barWidth, h);
            g.setColor(DUPLICATE);
            g.fillRect(x, y + LANE_HEIGHT - h - d, barWidth, d);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(lane.topic(), 10, y + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(lane.count() + " records", 10, y + 36);
        g.drawString("gaps " + lane.missingCount() + ", dups " + lane.duplicateCount(), 10, y + 52);
        g.drawString("max " + max + " rec/s", 10, y + 68);
    }

    private static void drawAxis(Graphics2D g, int axisY, int seconds, double pxPerSecond) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, axisY, WIDTH - RIGHT, axisY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int step = seconds <= 60 ? 5 : seconds <= 180 ? 10 : 30;
        for (int s = 0; s <= seconds; s += step) {
            int x = LEFT + (int) Math.round(s * pxPerSecond);
            g.drawLine(x, axisY, x, axisY + 5);
            g.drawString(s + " s", x - 8, axisY + 18);
        }
        g.drawString("time since the scenario started", LEFT, axisY + 38);
    }

    private static void drawEvents(Graphics2D g, ScenarioResult result, int axisY, double pxPerSecond) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        List<TimelineEvent> events = result.events();
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            int x = LEFT + (int) Math.round(result.t(e.at()) * pxPerSecond);
            int labelY = 58 + (i % LABEL_ROWS) * 13;
            g.setColor(e.kind().color());
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.drawLine(x, labelY + 2, x, axisY);
            g.setStroke(new BasicStroke(1f));
            String label = String.format("t=%.1f %s", result.t(e.at()), e.label());
            int w = g.getFontMetrics().stringWidth(label);
            int lx = Math.min(x + 3, WIDTH - RIGHT - w);
            g.drawString(label, Math.max(2, lx), labelY);
        }
    }
}
