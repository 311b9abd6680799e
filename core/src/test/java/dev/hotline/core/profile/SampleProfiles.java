package dev.hotline.core.profile;

import dev.hotline.core.probe.MethodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small, fully known profiles that dump, report and CLI tests write and read back. */
public final class SampleProfiles {

    public static final MethodRef MAIN = new MethodRef("com.acme.App", "main", "([Ljava/lang/String;)V");
    public static final MethodRef HANDLE = new MethodRef("com.acme.Service$Worker", "handle", "(Ljava/lang/String;[J)I");
    public static final MethodRef PARSE = new MethodRef("com.acme.Parser", "parse", "(I)Ljava/util/List;");
    public static final MethodRef INIT = new MethodRef("com.acme.Parser", "<init>", "()V");

    private SampleProfiles() {
    }

    /**
     * Four methods with counts and latency histograms, a four-level call tree (main, handle, parse,
     * with parse also called from main directly) and a session map with non-ASCII text.
     */
    public static Profile threeLevels() {
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(MAIN, method(MAIN, 1, 0, 9_000_000_000L, 1_000_000L, new long[] {9_000_000_000L}));
        methods.put(HANDLE, method(HANDLE, 5, 2, 8_000_000L, 3_000_000L,
                new long[] {1_000_000L, 1_200_000L, 1_500_000L, 2_000_000L, 2_300_000L}));
        methods.put(PARSE, method(PARSE, 300, 7, 5_000_000L, 4_900_000L, parseLatencies()));
        methods.put(INIT, method(INIT, 3, 0, 90, 90, new long[] {20, 30, 40}));

        CallTreeNode root = CallTreeNode.root();
        CallTreeNode main = root.child(MAIN);
        main.add(1, 9_000_000_000L, 1_000_000L);
        CallTreeNode handle = main.child(HANDLE);
        handle.add(5, 8_000_000L, 3_000_000L);
        CallTreeNode parseInHandle = handle.child(PARSE);
        parseInHandle.add(200, 4_000_000L, 3_950_000L);
        parseInHandle.child(INIT).add(3, 90, 90);
        main.child(PARSE).add(100, 1_000_000L, 950_000L);

        Map<String, String> session = new LinkedHashMap<>();
        session.put(SessionKeys.PID, "4242");
        session.put(SessionKeys.JAVA_VERSION, "17.0.12");
        session.put(SessionKeys.COMMAND, "com.acme.App --name Zoë µs ✓ \uD83D\uDE00");
        session.put(SessionKeys.AGENT_OPTIONS, "includes=com.acme.*");
        session.put(SessionKeys.CLASSES_INSTRUMENTED, "3");
        session.put(SessionKeys.CLASSES_FAILED, "0");
        session.put("empty", "");
        return new Profile(session, methods, root, Map.of(), Map.of(), List.of());
    }

    /** A profile with no method and an empty tree, as a run that never called an instrumented method leaves. */
    public static Profile empty() {
        return new Profile(Map.of(SessionKeys.PID, "1"), new LinkedHashMap<>(), CallTreeNode.root(),
                Map.of(), Map.of(), List.of());
    }

    /** A method whose counts and histogram agree: {@code latencies} are the calls' durations. */
    public static MethodProfile method(MethodRef ref, long calls, long exceptions, long total, long self, long[] latencies) {
        MethodProfile profile = new MethodProfile(ref);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long latency : latencies) {
            profile.histogram().recordValue(latency);
            min = Math.min(min, latency);
            max = Math.max(max, latency);
        }
        profile.add(calls, exceptions, total, self, min, max);
        return profile;
    }

    private static long[] parseLatencies() {
        long[] values = new long[300];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000 + (long) i * i * 7; // 1 µs .. 629 µs, spread over many buckets
        }
        return values;
    }
}
