package com.example.increment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on: cores, memory, JDK, OS, and the load average when the bench started. */
public record MachineDescription(int cores, long memoryMib, String jdk, String os, String loadAverage) {

    public static MachineDescription current() {
        return new MachineDescription(Runtime.getRuntime().availableProcessors(), memTotalMib(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                osName() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                firstLine(Path.of("/proc/loadavg")));
    }

    public String render() {
        return String.join("\n",
                "- CPU: " + cores + " cores (" + cpuModel() + ")",
                "- Memory: " + memoryMib + " MiB",
                "- JDK: " + jdk + " (broker, workers and tools run on it)",
                "- OS: " + os,
                "- Load average at start (1, 5, 15 min, runnable/total, last pid): " + loadAverage);
    }

    private static long memTotalMib() {
        return lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
    }

    private static String cpuModel() {
        return lines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown model");
    }

    private static String osName() {
        return lines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).orElse("unknown distribution");
    }

    private static String firstLine(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "unknown" : lines.get(0);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
