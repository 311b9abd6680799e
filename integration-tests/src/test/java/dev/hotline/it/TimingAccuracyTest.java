package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Times are the program's own, not the probes': methods of known work ({@code targets.knownwork.Work})
 * timed by hotline, in the default (adaptive) mode and with {@code timing=exact}, on every JDK found,
 * against the truth: the same code in an uninstrumented twin class, timed by the program itself in
 * rounds interleaved with Work's in the same JVM (so the load of a shared machine weighs on both).
 * Counts must be exact; per-call total and self times, and the time per hit of two lines, within a
 * factor of {@link #FACTOR} of the truth or {@link #ABSOLUTE_NS} ({@link #SELF_OF_MANY_CALLS} for the
 * self time of the parent of a thousand tiny calls, which carries a thousand times their error) —
 * bounds a shared 2-core CI machine holds, and that fail the 3x to 4x error of timing without
 * compensation (the benchmarks' accuracy table holds the issue's 25 %). A run that misses a bound
 * is repeated once in a fresh JVM, which must hold them all. Every comparison is printed, so the log
 * shows how close it came.
 */
class TimingAccuracyTest {

    /** Reported within this factor of the truth, either way (today's uncompensated timing was 3x to 4x off). */
    private static final double FACTOR = 2.0;
    private static final double ABSOLUTE_NS = 10;
    /** The bound on the self time of a method that makes 1,000 tiny calls per call (still fails a 3x error). */
    private static final double SELF_OF_MANY_CALLS = 2.5;
    private static final String PACKAGE = "dev.hotline.it.targets.knownwork";
    private static final String WORK = PACKAGE + ".Work";
    private static final double SCALE = 1.0;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Jdks.Jdk jdk : Jdks.all()) {
            runs.add(Arguments.of(jdk, "adaptive"));
            runs.add(Arguments.of(jdk, "exact"));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{1} timing on {0}")
    @MethodSource("runs")
    void per_call_times_of_known_work_are_within_bounds_of_the_truth_and_counts_are_exact(Jdks.Jdk jdk, String timing)
            throws Exception {
        // a machine shared with other work can disturb one run's timing by more than the bounds: a
        // second run, in a fresh JVM, must then hold them (counts are exact in both)
        SoftAssertions first = attempt(jdk, timing);
        if (!first.wasSuccess()) {
            System.out.println("accuracy: the first run missed a bound; running again");
            attempt(jdk, timing).assertAll();
        }
    }

    private SoftAssertions attempt(Jdks.Jdk jdk, String timing) throws Exception {
        Path dump = ChildJvm.dumpPath("knownwork-" + timing);
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk,
                "includes=" + WORK + ",lines=" + WORK + "#lined,timing=" + timing + ",out=" + dump,
                "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), PACKAGE + ".KnownWorkApp", Double.toString(SCALE)),
                300);
        Map<String, Double> truth = truth(result);
        Profile profile = Dumps.read(dump);

        MethodProfile tiny = Dumps.method(profile, WORK, "tiny");
        MethodProfile parent = Dumps.method(profile, WORK, "parent");
        MethodProfile small = Dumps.method(profile, WORK, "small");
        MethodProfile large = Dumps.method(profile, WORK, "large");
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(tiny.calls()).as("tiny calls").isEqualTo(10 * (calls(2_000_000) + calls(2_000) * 1000));
        soft.assertThat(parent.calls()).as("parent calls").isEqualTo(10 * calls(2_000));
        soft.assertThat(small.calls()).as("small calls").isEqualTo(10 * calls(200_000));
        soft.assertThat(large.calls()).as("large calls").isEqualTo(10 * calls(2_000));
        soft.assertThat(Dumps.method(profile, WORK, "lined").calls()).as("lined calls").isEqualTo(10 * calls(10_000));
        if (timing.equals("exact")) {
            soft.assertThat(tiny.sampled()).as("tiny is timed at every call in exact mode").isFalse();
        } else {
            soft.assertThat(tiny.sampled()).as("tiny, far shorter than its timer, is sampled").isTrue();
            soft.assertThat(large.sampled()).as("large, far longer than its timer, is timed at every call").isFalse();
        }

        // tiny's calls: those of its own phase and those inside parent, each as long
        double tinyTruth = truth.get("tiny");
        check(soft, "tiny total per call", tiny.totalNanos() / (double) tiny.calls(), tinyTruth);
        check(soft, "parent total per call", parent.totalNanos() / (double) parent.calls(), truth.get("parent"));
        // a parent's self time is its total minus 1,000 tiny calls: it carries 1,000 times their error
        check(soft, "parent self per call", parent.selfNanos() / (double) parent.calls(),
                truth.get("parent") - 1000 * tinyTruth, SELF_OF_MANY_CALLS);
        check(soft, "small total per call", small.totalNanos() / (double) small.calls(), truth.get("small"));
        check(soft, "large total per call", large.totalNanos() / (double) large.calls(), truth.get("large"));
        List<LineProfile> lines = profile.lines().stream()
                .filter(l -> l.line().method().name().equals("lined") && l.hits() == 10 * calls(10_000))
                .sorted((a, b) -> Integer.compare(a.line().line(), b.line().line())).toList();
        soft.assertThat(lines).as("lined's lines hit once per call").hasSizeGreaterThanOrEqualTo(3);
        if (lines.size() >= 2) {
            check(soft, "line A per hit", lines.get(0).totalNanos() / (double) lines.get(0).hits(),
                    truth.get("kernel.lineA"));
            check(soft, "line B per hit", lines.get(1).totalNanos() / (double) lines.get(1).hits(),
                    truth.get("kernel.lineB"));
        }
        return soft;
    }

    private static long calls(long n) {
        return (long) (n * SCALE);
    }

    private static void check(SoftAssertions soft, String what, double reported, double truth) {
        check(soft, what, reported, truth, FACTOR);
    }

    /** Within {@code factor} of the truth either way, or within {@link #ABSOLUTE_NS}. */
    private static void check(SoftAssertions soft, String what, double reported, double truth, double factor) {
        double error = truth == 0 ? 0 : (reported - truth) / truth;
        System.out.println(String.format(Locale.ROOT, "accuracy %-22s reported %10.1f ns  truth %10.1f ns  error %+6.1f %%",
                what, reported, truth, 100 * error));
        boolean close = Math.abs(reported - truth) <= ABSOLUTE_NS
                || (truth > 0 && reported > 0 && Math.max(reported / truth, truth / reported) <= factor);
        soft.assertThat(close).as("%s: reported %.1f ns, true %.1f ns (bound: a factor of %.1f or %.0f ns)", what,
                reported, truth, factor, ABSOLUTE_NS).isTrue();
    }

    private static Map<String, Double> truth(ChildJvm.Result run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Map<String, Double> truth = new LinkedHashMap<>();
        for (String line : run.stdout().split("\\R")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("truth")) {
                truth.put(parts[1], Double.parseDouble(parts[2]));
            }
        }
        assertThat(truth).containsKeys("tiny", "parent", "small", "large", "kernel.lineA", "kernel.lineB");
        return truth;
    }
}
