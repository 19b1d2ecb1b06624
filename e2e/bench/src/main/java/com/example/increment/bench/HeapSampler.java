package com.example.increment.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.increment.local.process.Jcmd;

/**
 * A JVM's live heap, with the JDK's {@code jcmd}: a full GC ({@code GC.run}) first, so that what is left in use is
 * what the process holds on to; growth of that over a long run is a leak, growth of the raw figure is not.
 */
public final class HeapSampler {

    /** Serial GC's {@code GC.heap_info}: one "total NNNK, used NNNK" line per generation (DefNew, Tenured). */
    private static final Pattern USED = Pattern.compile("(?m)^\\s*(?:DefNew|Tenured|def new generation|tenured generation)"
            + "\\s+total \\d+K, used (\\d+)K");

    /** Heap in use after a full GC, in KiB. */
    public long liveHeapKib(long pid) {
        Jcmd.run(pid, "GC.run");
        String info = Jcmd.run(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        long used = 0;
        boolean found = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("jcmd " + pid + " GC.heap_info printed no 'DefNew/Tenured total ...K, used "
                    + "...K' line (the workers run Serial GC); it printed:\n" + info);
        }
        return used;
    }
}
