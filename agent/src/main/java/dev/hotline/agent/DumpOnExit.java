package dev.hotline.agent;

import dev.hotline.core.dump.DumpWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Writes the dump: from the shutdown hook, which stops the {@link AgentSession} (normal exit,
 * {@code System.exit(n)} with n kept, an uncaught exception ending main, SIGTERM, SIGINT, SIGHUP),
 * from any other {@link AgentSession#stop} that asks for a final dump and, with {@code interval=},
 * from the flush thread after every interval, each time atomically replacing the last complete
 * dump. So a JVM killed with SIGKILL or {@code Runtime.halt} leaves the dump of its last interval.
 * Never throws: a failure is one line on stderr, repeated only when the kind of failure changes.
 */
final class DumpOnExit {

    private static final Logger LOG = LoggerFactory.getLogger(DumpOnExit.class);
    /** What a dump written from a full heap leaves out (its session fact {@code dump.leftOut}). */
    static final String LEFT_OUT = "latency histograms, call tree, lines, allocations and intervals";
    /**
     * Heap held from the start and given back when the whole dump does not fit: the counts-only dump
     * needs about 200 bytes per method with calls, so 2 MB covers some 10,000 methods even when the
     * application has left nothing.
     */
    private static final int RESERVE = 2 << 20;
    @SuppressWarnings("unused") // held, never read: its only use is being let go
    private byte[] reserve = new byte[RESERVE];

    private final LiveProfile live;
    private final Path out;
    private final IntervalHistograms intervals;
    private String lastFailure;

    /** @param intervals null unless the agent runs with interval= */
    DumpOnExit(LiveProfile live, Path out, IntervalHistograms intervals) {
        this.live = live;
        this.out = out;
        this.intervals = intervals;
    }

    /** Takes a snapshot and replaces the dump with it. */
    synchronized void write() {
        writeTo(out);
    }

    /**
     * Takes a snapshot and writes it to {@code target} (atomically); returns whether it was written.
     * When the heap is too full for the whole profile (its latency histograms alone are kilobytes
     * per method), it gives back its {@link #RESERVE} and writes what needs little memory instead:
     * every method's counts and times without histograms, call tree, lines, allocations or intervals,
     * saying so in the dump ({@code dump.leftOut}) and in one ERROR line. Every failure also goes
     * into {@code <dump>.error} beside the dump, where a user finds it when stderr was not kept (a
     * build tool's forked JVM); a later complete dump removes that file. How long the dump took is
     * an INFO line; with {@code log=debug}, also what it allocated.
     */
    synchronized boolean writeTo(Path target) {
        Path out = target;
        long now = System.currentTimeMillis();
        long started = System.nanoTime();
        // only when asked: the first use of the management beans loads java.management (~100 ms)
        boolean measure = LOG.isDebugEnabled();
        long allocatedBefore = measure ? allocatedBytes() : 0;
        try {
            live.capture(now, profile -> {
                Profile written = intervals == null ? profile : profile.withIntervals(intervals.close(profile, now));
                DumpWriter.writeAtomically(written, out); // reads each method's latencies as it writes them
                return null;
            });
            lastFailure = null;
            Files.deleteIfExists(errorFile(out));
            double millis = (System.nanoTime() - started) / 1e6;
            if (measure) {
                LOG.debug(String.format(Locale.ROOT, "dump written to %s in %.0f ms, %.1f MB allocated",
                        out.toAbsolutePath(), millis, (allocatedBytes() - allocatedBefore) / 1e6));
            } else {
                LOG.info(String.format(Locale.ROOT, "dump written to %s in %.0f ms", out.toAbsolutePath(), millis));
            }
            return true;
        } catch (OutOfMemoryError full) {
            reserve = null; // room for the smaller dump
            return writeWithoutDetail(out, now, full);
        } catch (Throwable t) {
            failed(out, t);
            return false;
        }
    }

    private boolean writeWithoutDetail(Path out, long now, OutOfMemoryError cause) {
        try {
            Profile counts = live.captureCounts(now, LEFT_OUT);
            DumpWriter.writeAtomically(counts, out);
            lastFailure = null;
            String message = "the heap was too full for the whole dump (" + cause + "): " + out.toAbsolutePath()
                    + " holds every method's counts and times, without " + LEFT_OUT;
            LOG.error(message);
            writeErrorFile(out, message);
            return true;
        } catch (Throwable t) {
            failed(out, t);
            return false;
        }
    }

    private void failed(Path out, Throwable t) {
        // the kind of failure, not its message: that names the temporary file, new every time
        String failure = t.getClass().getName() + (t.getCause() == null ? "" : " < " + t.getCause().getClass().getName());
        String message = "could not write the dump to " + out.toAbsolutePath() + ": " + t;
        if (!failure.equals(lastFailure)) {
            LOG.error(message);
        }
        lastFailure = failure;
        writeErrorFile(out, message);
    }

    /** Best effort, owner-only: the directory may be the reason the dump failed. */
    private static void writeErrorFile(Path out, String message) {
        try {
            Path error = errorFile(out);
            Path tmp = error.resolveSibling(error.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, "[hotline] " + java.time.Instant.now() + " ERROR " + message + System.lineSeparator());
            Files.move(tmp, error, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error ignored) {
            // nowhere left to say it: the ERROR line on stderr (and logfile=) is all there is
        }
    }

    static Path errorFile(Path out) {
        return out.resolveSibling(out.getFileName() + ".error");
    }

    /** This thread's allocation so far, or 0 where the JVM does not measure it. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }
}
