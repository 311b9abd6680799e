package dev.hotline.runtime;

/**
 * What each kind of probe costs in this JVM, measured at start-up by {@link ProbeCalibration}, and
 * the timing mode: the figures the recorders subtract from measured times and the adaptive timing
 * decides by. All costs are in picoseconds (so sub-nanosecond probes add up without rounding):
 *
 * <ul>
 *   <li>{@link #timedInnerPs}: the part of a timed call's probes that falls inside its own measured
 *       interval (between its two clock reads);
 *   <li>{@link #timedCallPs}: the whole cost of a timed call as the code around it sees it (inner
 *       and outer part: what a caller's interval grows by);
 *   <li>{@link #untimedCallPs}: the whole cost of a counted call that is not timed;
 *   <li>{@link #sampledInnerPs}, {@link #sampledCallPs}: the same two parts as for a timed call, for
 *       the timed calls of a sampled method: rarer, they take the branches the untimed calls do not
 *       (and the processor mispredicts), so they cost more than the calls of a method timed throughout;
 *   <li>{@link #lineInnerPs}, {@link #lineTimedPs}: a line probe of a timed invocation that ends
 *       the line before it and starts its own (every line timed): its part inside the line's
 *       interval, and its whole cost;
 *   <li>{@link #lineSkippedPs}: a line probe of a timed invocation that times nothing (its line not
 *       sampled, the line before it not either): no clock read;
 *   <li>{@link #lineSampledInnerPs}, {@link #lineSampledPs}: a sampled line among skipped ones: the
 *       part of its two probes (the one that starts it, the one that ends it) inside its interval,
 *       and their whole cost together. A line run (lines timed one after another) then costs
 *       exactly what the recorder charges for it: half the pair at its start, {@link #lineTimedPs}
 *       for each line probe in it that ends one line and starts the next, half the pair at the
 *       probe that ends it, or {@link #lineExitPs} when the call's exit ends it;
 *   <li>{@link #lineCountedPs}: a line entered in an invocation that is not timed (counted inline,
 *       its line probe not taken): for the sampling decision only, never subtracted, since no probe runs to
 *       add it up (like {@code linehits=}'s increments; a fraction of a nanosecond);
 *   <li>{@link #lineHitsPs}: fetching a method's counted-line hit counters ({@code linehits=});
 *   <li>{@link #allocationPs}: one allocation counter.
 * </ul>
 *
 * <p>Before calibration every cost is 0: nothing is subtracted and every call is timed. The
 * calibration sets its figures at the end of its first phase, before any instrumented code runs,
 * and again after each of its later rounds, settled or not: the adaptive timing decides by the same
 * figures that are subtracted (a program's first second used to time every call while no figures
 * were set: 4 of the boxed demo's 169 million calls were timed, 94 % of them before the figures
 * settled).
 *
 * <p>Thread-safety: written by the calibration's thread (first before any instrumented class is
 * defined: premain waits for its first phase), read with plain loads on the hot path.
 */
public final class ProbeCosts {

    /** The largest sampling interval: at least one call in this many is timed. */
    public static final int MAX_INTERVAL = 1024;

    static long timedInnerPs;
    static long timedCallPs;
    static long untimedCallPs;
    static long sampledInnerPs;
    static long sampledCallPs;
    static long lineInnerPs;
    static long lineTimedPs;
    static long lineCountedPs;
    static long lineHitsPs;
    static long allocationPs;
    static long lineSkippedPs;
    static long lineSampledPs;
    static long lineSampledInnerPs;

    /** Indices of the figures in {@link #set}'s order. */
    public static final int TIMED_INNER = 0, TIMED_CALL = 1, UNTIMED_CALL = 2, SAMPLED_INNER = 3, SAMPLED_CALL = 4,
            LINE_INNER = 5, LINE_TIMED = 6, LINE_COUNTED = 7, LINE_HITS = 8, ALLOCATION = 9, LINE_SKIPPED = 10,
            LINE_SAMPLED = 11, LINE_SAMPLED_INNER = 12;
    /** How many figures there are. */
    public static final int FIGURES = 13;


    private static volatile boolean exactTiming;
    /** The share of the program's time the probes may add, as a fraction (0.05 = 5 %). */
    private static volatile double budget = 0.05;

    private ProbeCosts() {
    }

    /**
     * Sets the measured costs, in picoseconds, in the order of the index constants ({@link
     * #TIMED_INNER}, ...); figures not given are 0.
     */
    public static void set(long... ps) {
        timedInnerPs = figure(ps, TIMED_INNER);
        timedCallPs = figure(ps, TIMED_CALL);
        untimedCallPs = figure(ps, UNTIMED_CALL);
        sampledInnerPs = figure(ps, SAMPLED_INNER);
        sampledCallPs = figure(ps, SAMPLED_CALL);
        lineInnerPs = figure(ps, LINE_INNER);
        lineTimedPs = figure(ps, LINE_TIMED);
        lineCountedPs = figure(ps, LINE_COUNTED);
        lineHitsPs = figure(ps, LINE_HITS);
        allocationPs = figure(ps, ALLOCATION);
        lineSkippedPs = figure(ps, LINE_SKIPPED);
        lineSampledPs = figure(ps, LINE_SAMPLED);
        lineSampledInnerPs = figure(ps, LINE_SAMPLED_INNER);
    }

    private static long figure(long[] ps, int index) {
        return index < ps.length ? Math.max(0, ps[index]) : 0;
    }

    /**
     * What the exit of a timed call costs beyond its timer when it ends the call's open line:
     * {@link #lineTimedPs} less half the pair (see the class comment; never below 0).
     */
    static long lineExitPs() {
        return Math.max(0, lineTimedPs - lineSampledPs / 2);
    }

    /**
     * @param exact  time every call ({@code timing=exact}) rather than sample short, frequent methods
     * @param budget the share of the program's time the probes may add (0.05 = 5 %)
     */
    public static void configure(boolean exact, double budget) {
        ProbeCosts.exactTiming = exact;
        ProbeCosts.budget = budget;
    }

    public static boolean exactTiming() {
        return exactTiming;
    }

    public static double budget() {
        return budget;
    }

    /** The figures as last set, in picoseconds, in {@link #set}'s order (a copy). */
    public static long[] figures() {
        return new long[] {timedInnerPs, timedCallPs, untimedCallPs, sampledInnerPs, sampledCallPs, lineInnerPs,
                lineTimedPs, lineCountedPs, lineHitsPs, allocationPs, lineSkippedPs, lineSampledPs, lineSampledInnerPs};
    }

    /**
     * The sampling interval for a method whose calls take {@code meanNanos} of their own (probe
     * cost subtracted, time in instrumented callees left out) and, in its timed calls, enter {@code
     * lines} line probes each (0 without line probes) that cost {@code linePs} in all (a timed line
     * costs a clock read, a skipped one not: see {@link #lineIntervalFor}). The smallest N for which
     * a call's probe cost, {@code untimed + lines * counted + (timed - untimed + linePs - lines *
     * counted) / N}, stays within the budget's share of the call's own time; 1 (every call timed)
     * in exact mode, when timing every call already fits, or before the calibration's first
     * figures; at most {@link #MAX_INTERVAL}. The lines count because a timed invocation times its
     * lines, an untimed one only counts them: a method entering 200 lines a call, sized by its timer
     * alone, was timed at 1 call in 2 and its timed lines cost the primitive demo 23 times its plain
     * run.
     */
    static int intervalFor(long meanNanos, double lines, double linePs) {
        long timed = timedCallPs;
        long untimed = untimedCallPs;
        if (exactTiming || timed <= untimed) {
            return 1;
        }
        double counted = lineCountedPs;
        double lineExtra = Math.max(0, linePs - lines * counted);
        double allowedPs = budget * Math.max(0, meanNanos * 1000.0) - untimed - lines * counted;
        if (allowedPs <= 0) {
            return MAX_INTERVAL; // even an untimed call costs more than the budget: time as few as we may
        }
        double n = (Math.max(timed, sampledCallPs) - untimed + lineExtra) / allowedPs;
        return n <= 1 ? 1 : (int) Math.min(MAX_INTERVAL, Math.ceil(n));
    }

    /**
     * The line interval for a method whose line hits, in its timed invocations, take {@code
     * ownNanos} of their own on average (time in instrumented callees left out): 1 (time every
     * line) if a timed line's cost fits the budget's share of it, in exact mode, or before the
     * calibration's first figures; else the smallest L for which a hit's probe cost, {@code
     * skipped + (sampledPair - 2 * skipped) / L} (a sampled line turns two skipped probes into
     * the pair that times it), stays within the budget; {@link #MAX_INTERVAL} if a skipped probe
     * alone is past it. Every hit is counted inline whatever L is; only their times are sampled.
     */
    static int lineIntervalFor(double ownNanos) {
        long timed = lineTimedPs;
        long skipped = lineSkippedPs;
        if (exactTiming || timed <= skipped) {
            return 1;
        }
        double allowedPs = budget * ownNanos * 1000.0;
        if (timed <= allowedPs) {
            return 1;
        }
        if (allowedPs <= skipped) {
            return MAX_INTERVAL;
        }
        double n = Math.max(0, lineSampledPs - 2 * skipped) / (allowedPs - skipped);
        return (int) Math.max(2, Math.min(MAX_INTERVAL, Math.ceil(n)));
    }
}
