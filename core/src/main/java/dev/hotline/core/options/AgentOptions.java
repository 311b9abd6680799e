package dev.hotline.core.options;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The agent's options, {@code key=value} pairs separated by commas; the README's "Agent options"
 * lists them.
 * Parsing never throws: an unknown key or a malformed pair becomes a {@linkplain #problems()
 * problem} (one line for the user) and the defaults stand, so a typo never stops the application.
 */
public final class AgentOptions {

    public static final String INCLUDES = "includes";
    public static final String EXCLUDES = "excludes";
    public static final String LINES = "lines";
    public static final String ALLOC = "alloc";
    public static final String LINE_HITS = "linehits";
    public static final String OUT = "out";
    public static final String LOG = "log";
    public static final String LOG_FILE = "logfile";
    public static final String DUMP_CLASSES = "dumpclasses";
    public static final String INTERVAL = "interval";
    public static final String MAX_METHODS = "maxmethods";
    public static final String TIMING = "timing";
    public static final String BUDGET = "budget";
    public static final String CALL_TREE = "calltree";
    public static final String METRICS = "metrics";
    public static final String METRICS_TOP = "metricstop";
    public static final String METRICS_SORT = "metricssort";
    private static final Set<String> KEYS = Set.of(INCLUDES, EXCLUDES, LINES, LINE_HITS, ALLOC, OUT, LOG, LOG_FILE,
            DUMP_CLASSES, INTERVAL, MAX_METHODS, TIMING, BUDGET, CALL_TREE, METRICS, METRICS_TOP, METRICS_SORT);

    /** Call-tree nodes per thread, and over all live threads, unless {@code calltree=} says otherwise. */
    public static final int DEFAULT_CALL_TREE_PER_THREAD = dev.hotline.runtime.CallTreeLimits.DEFAULT_PER_THREAD;
    public static final long DEFAULT_CALL_TREE_TOTAL = dev.hotline.runtime.CallTreeLimits.DEFAULT_TOTAL;

    /** How many methods the metrics endpoint shows by default ({@code metricstop=}). */
    public static final int DEFAULT_METRICS_TOP = 50;
    /** The most {@code metricstop=} takes: each method is about 30 series. */
    public static final int MAX_METRICS_TOP = 10_000;
    /** The orders {@code metricssort=} takes, the first the default (the names of {@code report --sort}). */
    public static final List<String> METRICS_SORTS = List.of("tottime", "cumtime", "calls");

    /** The default overhead budget of adaptive timing, in percent of the program's time. */
    public static final double DEFAULT_BUDGET_PERCENT = 5;

    /** Default cap on method probes: about 75 MB of probe metadata at most (~150 bytes each). */
    public static final int DEFAULT_MAX_METHODS = 500_000;
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug");

    /** Default dump path, relative to the working directory; %p is the pid. */
    public static final String DEFAULT_OUT = "hotline-%p.hotline";

    private final String raw;
    private final Map<String, String> values;
    private final List<String> problems;

    private AgentOptions(String raw, Map<String, String> values, List<String> problems) {
        this.raw = raw;
        this.values = values;
        this.problems = problems;
    }

    public static AgentOptions parse(String options) {
        String raw = options == null ? "" : options.trim();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!raw.isEmpty()) {
            for (String pair : raw.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    problems.add("ignoring malformed agent option '" + shown(pair) + "': expected key=value with key one of "
                            + String.join(", ", sorted(KEYS)));
                    continue;
                }
                String key = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (!KEYS.contains(key)) {
                    problems.add("ignoring unknown agent option '" + shown(key) + "': known options are " + String.join(", ", sorted(KEYS)));
                    continue;
                }
                String invalid = invalid(key, value);
                if (invalid != null) {
                    problems.add("ignoring " + key + "=" + shown(value) + ": " + invalid);
                } else if (key.equals(OUT) && value.isEmpty()) {
                    problems.add("ignoring empty out=: the dump goes to " + DEFAULT_OUT);
                } else if (key.equals(LOG_FILE) && value.isEmpty()) {
                    problems.add("ignoring empty logfile=: the agent logs to stderr");
                } else {
                    values.put(key, value);
                }
            }
        }
        return new AgentOptions(raw, values, Collections.unmodifiableList(problems));
    }

    /**
     * Options from key/value pairs in their order, as a command line builds them; null values are
     * left out. {@link #raw()} is then the option string for {@code -javaagent:}.
     */
    public static AgentOptions of(Map<String, String> values) {
        StringJoiner raw = new StringJoiner(",");
        values.forEach((key, value) -> {
            if (value != null) {
                raw.add(key + "=" + value);
            }
        });
        return parse(raw.toString());
    }

    /** What is wrong with {@code value} for {@code key} ("expected ..."), or null if the agent takes it. */
    public static String invalid(String key, String value) {
        return switch (key) {
            case LOG -> LOG_LEVELS.contains(value.toLowerCase(Locale.ROOT)) ? null : "expected one of error, warn, info, debug";
            case MAX_METHODS -> value.matches("[1-9][0-9]{0,8}") ? null : "expected a whole number from 1 to 999999999";
            case INTERVAL -> parseDuration(value) != null ? null
                    : "expected a duration such as 500ms, 10s, 5m or 1h (at least 10ms)";
            case TIMING -> value.equals("adaptive") || value.equals("exact") ? null
                    : "expected adaptive (the default) or exact";
            case BUDGET -> parsePercent(value) >= 0 ? null
                    : "expected a percentage from 0.1 to 100, such as 5 or 5%";
            case CALL_TREE -> parseCallTree(value) != null ? null
                    : "expected the node limit per thread, optionally /the limit over all threads, such as 200000 or"
                    + " 50000/400000 (whole numbers from 1 to 999999999, the second at least the first)";
            case OUT, DUMP_CLASSES -> isPath(value) ? null : "not a path this file system can have";
            case METRICS -> MetricsAddress.parse(value) != null ? null
                    : "expected PORT or HOST:PORT, such as 9464, 127.0.0.1:9464 or [::1]:9464 (port 0 to 65535)";
            case METRICS_TOP -> value.matches("[1-9][0-9]{0,4}") && Integer.parseInt(value) <= MAX_METRICS_TOP ? null
                    : "expected a whole number from 1 to " + MAX_METRICS_TOP;
            case METRICS_SORT -> METRICS_SORTS.contains(value) ? null
                    : "expected one of " + String.join(", ", METRICS_SORTS);
            default -> null;
        };
    }

    private static boolean isPath(String value) {
        try {
            Paths.get(value.replace("%p", "1"));
            return true;
        } catch (java.nio.file.InvalidPathException e) { // a NUL character, on Linux
            return false;
        }
    }

    /**
     * Text from the option string as a problem line shows it: control characters escaped (a
     * newline would split the line), at most 200 characters.
     */
    private static String shown(String text) {
        StringBuilder shown = new StringBuilder();
        int i = 0;
        for (; i < text.length() && shown.length() < 200; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return i < text.length() ? shown + "..." : shown.toString();
    }

    private static List<String> sorted(Set<String> keys) {
        List<String> list = new ArrayList<>(keys);
        Collections.sort(list);
        return list;
    }

    /** The option string as given. */
    public String raw() {
        return raw;
    }

    /** One line per option that was ignored, for the user. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Classes that get method timers; null means the default (every class of a non-JDK loader). An
     * empty {@code includes=} times nothing (only what {@code lines=}/{@code alloc=} need).
     */
    public ClassPattern includes() {
        return values.containsKey(INCLUDES) ? ClassPattern.parse(values.get(INCLUDES)) : null;
    }

    /**
     * Whether no method gets a timer: {@code includes=} given empty and no {@code lines=} or
     * {@code alloc=} (which time the methods they select). Only counted lines ({@code linehits=}) then
     * change, and there is no time to compensate.
     */
    public boolean timesNothing() {
        return values.containsKey(INCLUDES) && values.get(INCLUDES).isBlank() && lines().isEmpty() && alloc().isEmpty();
    }

    public ClassPattern excludes() {
        return values.containsKey(EXCLUDES) ? ClassPattern.parse(values.get(EXCLUDES)) : ClassPattern.none();
    }

    /** Methods that also get line probes (they always get a method timer too). */
    public MethodSelection lines() {
        return values.containsKey(LINES) ? MethodSelection.parse(values.get(LINES)) : MethodSelection.none();
    }

    /**
     * Methods whose lines get exact hit counts without times: no clock read, no call per line (they
     * get a method timer only if {@code includes} times their class). {@code lines=} wins where both select a method.
     */
    public MethodSelection lineHits() {
        return values.containsKey(LINE_HITS) ? MethodSelection.parse(values.get(LINE_HITS)) : MethodSelection.none();
    }

    /** Methods whose allocation sites get counters (they always get a method timer too). */
    public MethodSelection alloc() {
        return values.containsKey(ALLOC) ? MethodSelection.parse(values.get(ALLOC)) : MethodSelection.none();
    }

    public String logLevel() {
        return values.getOrDefault(LOG, "warn").toLowerCase(Locale.ROOT);
    }

    /** The most methods that get a timer; past it classes are instrumented without further methods. */
    public int maxMethods() {
        return values.containsKey(MAX_METHODS) ? Integer.parseInt(values.get(MAX_METHODS)) : DEFAULT_MAX_METHODS;
    }

    /** How often to also write the dump (with per-interval histograms); null: only at exit. */
    public java.time.Duration interval() {
        return values.containsKey(INTERVAL) ? parseDuration(values.get(INTERVAL)) : null;
    }

    /**
     * {@code timing=exact}: time every call. The default, {@code adaptive}, times the calls of
     * short, frequent methods one in N (every call is still counted).
     */
    public boolean exactTiming() {
        return "exact".equals(values.get(TIMING));
    }

    /** The share of the program's time adaptive timing lets the probes add, in percent. */
    public double budgetPercent() {
        return values.containsKey(BUDGET) ? parsePercent(values.get(BUDGET)) : DEFAULT_BUDGET_PERCENT;
    }

    /** The call tree's node limit per thread ({@code calltree=}). */
    public int callTreePerThread() {
        long[] limits = values.containsKey(CALL_TREE) ? parseCallTree(values.get(CALL_TREE)) : null;
        return limits == null ? DEFAULT_CALL_TREE_PER_THREAD : (int) limits[0];
    }

    /** The call tree's node limit over all live threads ({@code calltree=PER_THREAD/TOTAL}). */
    public long callTreeTotal() {
        long[] limits = values.containsKey(CALL_TREE) ? parseCallTree(values.get(CALL_TREE)) : null;
        return limits == null ? DEFAULT_CALL_TREE_TOTAL : limits[1];
    }

    /**
     * {@code N} or {@code N/TOTAL}: {per thread, total}, or null if malformed. Without a total, the
     * default total, or N if that is larger.
     */
    static long[] parseCallTree(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,8})(?:/([1-9][0-9]{0,8}))?")
                .matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long perThread = Long.parseLong(m.group(1));
        long total = m.group(2) == null ? Math.max(perThread, DEFAULT_CALL_TREE_TOTAL) : Long.parseLong(m.group(2));
        return total < perThread ? null : new long[] {perThread, total};
    }

    /** {@code 5}, {@code 2.5}, {@code 5%}: the percentage, or -1 if malformed or outside 0.1..100. */
    static double parsePercent(String text) {
        String t = text.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        if (!t.matches("\\d{1,3}(\\.\\d{1,3})?")) {
            return -1;
        }
        double p = Double.parseDouble(t);
        return p >= 0.1 && p <= 100 ? p : -1;
    }

    /** {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}; null if malformed or under 10 ms (also the CLI's durations). */
    public static java.time.Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            long n = Long.parseLong(m.group(1));
            java.time.Duration d = switch (m.group(2)) {
                case "ms" -> java.time.Duration.ofMillis(n);
                case "s" -> java.time.Duration.ofSeconds(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                default -> java.time.Duration.ofHours(n);
            };
            return d.toMillis() < 10 ? null : d;
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // too large to be a duration
        }
    }

    /**
     * Where the metrics endpoint listens ({@code metrics=}); null: there is none, and no port is
     * opened. A port alone means the loopback address.
     */
    public MetricsAddress metrics() {
        return values.containsKey(METRICS) ? MetricsAddress.parse(values.get(METRICS)) : null;
    }

    /** How many methods the metrics endpoint shows: the first of {@link #metricsSort()}'s order. */
    public int metricsTop() {
        return values.containsKey(METRICS_TOP) ? Integer.parseInt(values.get(METRICS_TOP)) : DEFAULT_METRICS_TOP;
    }

    /** {@code tottime}, {@code cumtime} or {@code calls}: which methods the metrics endpoint shows. */
    public String metricsSort() {
        return values.getOrDefault(METRICS_SORT, METRICS_SORTS.get(0));
    }

    /** Where to write the original and instrumented bytes of every class changed; null: nowhere. */
    public Path dumpClasses() {
        return values.containsKey(DUMP_CLASSES) ? Paths.get(values.get(DUMP_CLASSES)) : null;
    }

    /**
     * The file the agent appends its log lines to instead of stderr, {@code %p} replaced by
     * {@code pid}; null: stderr.
     */
    public Path logFile(long pid) {
        return values.containsKey(LOG_FILE) ? Paths.get(values.get(LOG_FILE).replace("%p", Long.toString(pid))) : null;
    }

    /** The dump path with %p replaced by {@code pid}. */
    public Path out(long pid) {
        return Paths.get(values.getOrDefault(OUT, DEFAULT_OUT).replace("%p", Long.toString(pid)));
    }
}
