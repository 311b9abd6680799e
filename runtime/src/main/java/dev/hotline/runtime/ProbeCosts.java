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
 *   <li>{@link #lineInnerPs}, {@link #lineTimedPs}: a timed line probe's part inside the line's
 *       interval, and its whole cost;
 *   <li>{@link #lineCountedPs}: a line entered in an invocation that is not timed (counted inline,
 *       its line probe not taken): a decision figure only, never subtracted, since no probe runs to
 *       add it up (like {@code linehits=}'s increments; a fraction of a nanosecond);
 *   <li>{@link #lineHitsPs}: fetching a method's counted-line hit counters ({@code linehits=});
 *   <li>{@link #allocationPs}: one allocation counter.
 * </ul>
 *
 * <p>Before calibration every cost is 0: nothing is subtracted and every call is timed. The adaptive
 * timing decides by figures of its own ({@link #provisional}): until the calibration has settled,
 * the latest of its rounds, so that sampling starts at once while subtraction waits for figures it
 * can trust (a program's first second used to time every call: 4 of the boxed demo's 169 million
 * calls were timed, 94 % of them before the figures settled).
 *
 * <p>Thread-safety: written once by the agent before any instrumented class is defined (premain
 * waits for the calibration), read with plain loads on the hot path afterwards.
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

    /**
     * What the adaptive timing decides by: a timed, an untimed and a sampled call's whole cost, a
     * timed and a counted line's.
     */
    static long decisionTimedPs;
    static long decisionUntimedPs;
    static long decisionSampledPs;
    static long decisionLineTimedPs;
    static long decisionLineCountedPs;

    private static volatile boolean exactTiming;
    /** The share of the program's time the probes may add, as a fraction (0.05 = 5 %). */
    private static volatile double budget = 0.05;

    private ProbeCosts() {
    }

    /** Sets the measured costs, in picoseconds, in the order of the fields above. */
    public static void set(long timedInner, long timedCall, long untimedCall, long sampledInner, long sampledCall,
                           long lineInner, long lineTimed, long lineCounted, long lineHits, long allocation) {
        timedInnerPs = Math.max(0, timedInner);
        timedCallPs = Math.max(0, timedCall);
        untimedCallPs = Math.max(0, untimedCall);
        sampledInnerPs = Math.max(0, sampledInner);
        sampledCallPs = Math.max(0, sampledCall);
        lineInnerPs = Math.max(0, lineInner);
        lineTimedPs = Math.max(0, lineTimed);
        lineCountedPs = Math.max(0, lineCounted);
        lineHitsPs = Math.max(0, lineHits);
        allocationPs = Math.max(0, allocation);
        provisional(timedCall, untimedCall, sampledCall, lineTimed, lineCounted);
    }

    /**
     * Sets only the figures the adaptive timing decides by (picoseconds): the calibration's latest,
     * before they have settled. Nothing is subtracted with them: a figure that is still falling (the
     * JIT not done) would take too much from short calls; for the decision it only errs towards
     * timing fewer calls.
     */
    public static void provisional(long timedCall, long untimedCall, long sampledCall, long lineTimed,
                                   long lineCounted) {
        decisionTimedPs = Math.max(0, timedCall);
        decisionUntimedPs = Math.max(0, untimedCall);
        decisionSampledPs = Math.max(0, sampledCall);
        decisionLineTimedPs = Math.max(0, lineTimed);
        decisionLineCountedPs = Math.max(0, lineCounted);
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
                lineTimedPs, lineCountedPs, lineHitsPs, allocationPs};
    }

    /**
     * The sampling interval for a method whose calls take {@code meanNanos} of their own (probe
     * cost subtracted, time in instrumented callees left out) and enter {@code lines} line probes
     * each (their mean in its timed calls; 0 without line probes): the smallest N for which a
     * call's probe cost, {@code untimed + lines * counted + (timed - untimed + lines * (lineTimed -
     * counted)) / N}, stays within the budget's share of the call's own time; 1 (every call timed)
     * in exact mode, when timing every call already fits, or before the calibration's first
     * figures; at most {@link #MAX_INTERVAL}. By the decision figures ({@link #provisional}). The
     * lines count because a timed invocation times its every line (a clock read each), an untimed
     * one only counts them: a method entering 200 lines a call, sized by its timer alone, was timed
     * at 1 call in 2 and its timed lines cost the primitive demo 23 times its plain run.
     *
     * <p>Before the calibration has settled nothing is subtracted, so {@code meanNanos} still holds
     * the timed lines' own cost; it is taken out here by the decision figure (with 165 lines a call,
     * the primitive demo's {@code iterate} read 8 µs of its own instead of 0.3 µs and was timed at 1
     * call in 17 rather than about 1 in 120, in a run too short for the calibration to settle).
     */
    static int intervalFor(long meanNanos, double lines) {
        long timed = decisionTimedPs;
        long untimed = decisionUntimedPs;
        if (exactTiming || timed <= untimed) {
            return 1;
        }
        double counted = decisionLineCountedPs;
        double lineExtra = Math.max(0, decisionLineTimedPs - counted);
        double ownPs = meanNanos * 1000.0 - lines * Math.max(0, decisionLineTimedPs - lineTimedPs);
        double allowedPs = budget * Math.max(0, ownPs) - untimed - lines * counted;
        if (allowedPs <= 0) {
            return MAX_INTERVAL; // even an untimed call costs more than the budget: time as few as we may
        }
        double n = (Math.max(timed, decisionSampledPs) - untimed + lines * lineExtra) / allowedPs;
        return n <= 1 ? 1 : (int) Math.min(MAX_INTERVAL, Math.ceil(n));
    }
}
