package dev.hotline.core.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The session facts of a profile ({@link Profile#session()}), typed: the one place a fact is read
 * as a number ({@link #number}, {@link #count}, the start, end and span of the recording), and,
 * through {@link Builder}, the one place facts are written. A dump stores every fact as text
 * (docs/dump-format.md); a fact that is missing or not a whole number reads as absent, so a dump
 * written by another tool or a newer agent never makes a reader throw.
 *
 * <p>Immutable; the key names are {@link SessionKeys}.
 */
public final class SessionFacts {

    private final Map<String, String> facts;

    /** A view of {@code facts}, which must not change afterwards. */
    public SessionFacts(Map<String, String> facts) {
        this.facts = Collections.unmodifiableMap(facts);
    }

    /** Facts in the order they are written. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** Facts in the order they are written, after a copy of {@code facts}. */
    public static Builder builder(Map<String, String> facts) {
        return new Builder(facts);
    }

    /** The fact as a whole number; empty if absent or not one. */
    public OptionalLong number(String key) {
        String value = facts.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A count ({@code threads}, {@code calls.open}, ...): the number, or 0 if absent or not one. */
    public long count(String key) {
        return number(key).orElse(0);
    }

    /** When the recording started ({@code start.epochMillis}). */
    public OptionalLong startMillis() {
        return number(SessionKeys.START_EPOCH_MILLIS);
    }

    /** When the dump was taken ({@code end.epochMillis}). */
    public OptionalLong endMillis() {
        return number(SessionKeys.END_EPOCH_MILLIS);
    }

    /** How long the recording ran, end minus start; empty unless both are known. */
    public OptionalLong recordedMillis() {
        OptionalLong start = startMillis();
        OptionalLong end = endMillis();
        return start.isPresent() && end.isPresent()
                ? OptionalLong.of(end.getAsLong() - start.getAsLong()) : OptionalLong.empty();
    }

    /**
     * Writes facts in order; a fact written again keeps its place and takes the new value. Used by
     * the agent (the recorded JVM), the capture and the totals (probe and thread counts) and the
     * merge (the merged session), so every fact is written in one way.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, String> facts;

        private Builder(Map<String, String> facts) {
            this.facts = new LinkedHashMap<>(facts);
        }

        /** A text fact; nothing is written if {@code value} is null. */
        public Builder text(String key, String value) {
            if (value != null) {
                facts.put(key, value);
            }
            return this;
        }

        public Builder number(String key, long value) {
            facts.put(key, Long.toString(value));
            return this;
        }

        /**
         * The counts that sum when profiles add up: the threads recorded, the calls still running at
         * dump time and the frames abandoned for lack of memory.
         */
        public Builder counts(long threads, long openCalls, long abandonedFrames) {
            return number(SessionKeys.THREADS, threads)
                    .number(SessionKeys.OPEN_CALLS, openCalls)
                    .number(SessionKeys.ABANDONED_FRAMES, abandonedFrames);
        }

        /** Every fact of {@code more}, in its order. */
        public Builder facts(Map<String, String> more) {
            facts.putAll(more);
            return this;
        }

        /** The facts written so far, in order (a copy). */
        public Map<String, String> build() {
            return new LinkedHashMap<>(facts);
        }
    }
}
