package dev.hotline.core.report;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionFacts;
import dev.hotline.core.profile.SessionKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a report says about its times, in the header of every view that shows them (text, HTML,
 * flame graph): that they are the program's own, with the probes' calibrated cost subtracted (in
 * all and per call), or that they are as measured; which methods are timed from a sample of their
 * calls and how good those estimates are; how many values came out below zero.
 */
public final class TimingNote {

    private TimingNote() {
    }

    /**
     * Whether the probes' cost was subtracted: the dump carries the agent's calibration (dump format
     * 1.2 or later), or, merged from such dumps, the sum of what was subtracted.
     */
    public static boolean calibrated(Profile profile) {
        return profile.facts().number(SessionKeys.CALIBRATION_PS.get(1)).isPresent()
                || profile.facts().count(SessionKeys.PROBE_COST_NANOS) > 0;
    }

    /** The sentences, one per line, without indentation. {@code raw}: the table shows measured times. */
    public static List<String> lines(Profile profile, boolean raw) {
        List<String> lines = new ArrayList<>();
        SessionFacts facts = profile.facts();
        if (!calibrated(profile)) {
            lines.add(facts.number(SessionKeys.CALIBRATION_SETTLED_MILLIS).orElse(0) < 0
                    ? "times as measured, the probes' own cost included (the calibration had not settled when the dump was written)"
                    : "times as measured, the probes' own cost included (the dump has no calibration)");
        } else {
            String perCall = facts.number(SessionKeys.CALIBRATION_PS.get(1)).isEmpty() ? "merged dumps"
                    : String.format(Locale.ROOT, "a timed call %s, an untimed call %s, a timed line %s",
                    picos(facts, 1), picos(facts, 2), picos(facts, 6));
            long subtracted = facts.count(SessionKeys.PROBE_COST_NANOS);
            if (raw) {
                lines.add("times as measured (--raw), the probes' cost included: " + Durations.format(subtracted)
                        + " in all (" + perCall + "); the percentiles have it subtracted");
            } else {
                lines.add("times are the program's own: the probes' cost, calibrated in this JVM, is subtracted, "
                        + Durations.format(subtracted) + " in all (" + perCall + "); --raw shows them as measured");
            }
        }
        long settled = facts.number(SessionKeys.CALIBRATION_SETTLED_MILLIS).orElse(0);
        if (!raw && facts.number(SessionKeys.CALIBRATION_PS.get(1)).isPresent()) { // this JVM's figures, not merged dumps
            if (settled > 0) {
                lines.add("the calibration's figures settled " + settled + " ms after start: calls before that had"
                        + " the figures so far subtracted, less sure (the JIT still compiling the probes)");
            } else if (settled < 0) {
                lines.add("the calibration had not settled when the dump was written: the figures subtracted are its"
                        + " latest, less sure (the JIT still compiling the probes)");
            }
        }
        sampledLine(profile).ifPresent(lines::add);
        long clamped = facts.count(SessionKeys.TIMES_CLAMPED);
        if (clamped > 0 && !raw) {
            lines.add(clamped + " timed calls, lines or self times came out below zero after the subtraction "
                    + "(shorter than the probe's noise) and count as 0");
        }
        return lines;
    }

    /** The sentence about the methods timed from a sample of their calls, if any was. */
    public static Optional<String> sampledLine(Profile profile) {
        long sampled = profile.methods().stream().filter(MethodProfile::sampled).count();
        if (sampled == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "~ %d methods timed at 1 in N calls, all counted (adaptive timing, "
                        + "budget %s%%): their times are estimates, the ± column their error at 95%%; timing=exact "
                        + "times every call", sampled,
                profile.session().getOrDefault(SessionKeys.BUDGET_PERCENT, "?")));
    }

    /** The estimate's error of a sampled method, as the ± column shows it; blank for exact ones. */
    public static String error(MethodProfile m) {
        if (!m.sampled()) {
            return "";
        }
        double e = 100 * m.relativeError();
        return e < 0.95 ? "±" + String.format(Locale.ROOT, "%.1f%%", e) : "±" + Math.round(e) + "%";
    }

    private static String picos(SessionFacts facts, int index) {
        return Durations.format(facts.count(SessionKeys.CALIBRATION_PS.get(index)) / 1000.0);
    }
}
