package dev.hotline.agent;

import dev.hotline.core.dump.DumpWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hotline.core.profile.Profile;
import java.nio.file.Path;

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

    /** Takes a snapshot and writes it to {@code target} (atomically); returns whether it was written. */
    synchronized boolean writeTo(Path target) {
        Path out = target;
        try {
            long now = System.currentTimeMillis();
            Profile profile = live.capture(now);
            if (intervals != null) {
                profile = profile.withIntervals(intervals.close(profile, now));
            }
            DumpWriter.writeAtomically(profile, out);
            lastFailure = null;
            LOG.info("dump written to " + out.toAbsolutePath());
            return true;
        } catch (Throwable t) {
            // the kind of failure, not its message: that names the temporary file, new every time
            String failure = t.getClass().getName() + (t.getCause() == null ? "" : " < " + t.getCause().getClass().getName());
            if (!failure.equals(lastFailure)) {
                LOG.error("could not write the dump to " + out.toAbsolutePath() + ": " + t);
            }
            lastFailure = failure;
            return false;
        }
    }
}
