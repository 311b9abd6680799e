package dev.hotline.core.report;

import dev.hotline.core.probe.AllocationSite;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The profile as pprof's {@code profile.proto}, gzipped, for {@code go tool pprof}, Pyroscope, Parca
 * and the other readers of that format. Every node of the calling-context tree is one sample whose
 * stack is the node's path (leaf first) and whose values are the node's {@code calls},
 * {@code total/nanoseconds} and {@code self/nanoseconds}; {@code self} is the default, so pprof's
 * flat column is a method's self time and its cum column the inclusive time, exactly as the method
 * table's tottime and cumtime. Every allocation site that allocated is one more sample,
 * {@code alloc_objects/count} and {@code alloc_space/bytes} (Go's names, which pprof's
 * {@code -sample_index} and the flame-graph tools know), whose stack is the allocating method at the
 * allocation's line: the dump counts allocations per site, not per call path.
 *
 * <p>The tree is the dump's, recursion folded and paths capped (see {@link CallTreeNode}): a node's
 * {@code calls} value adds the recursive calls folded into it (so the leaf sums are the method
 * table's ncalls), and those samples carry the numeric label {@code folded_calls}; the calls past
 * the node limit are their caller's {@code (other paths)} function.
 *
 * <p>Times are the program's own (the probes' calibrated cost subtracted), the ones the tables show;
 * the profile's comments say so and, where the timing was sampled, that those methods' times are
 * estimates, and their samples carry the label {@code timing=sampled}.
 *
 * <p>Memory: the samples stream into the gzip stream as the tree is walked (depth first, without
 * recursion); the functions, locations and strings, one per method and allocation site, are kept
 * until the end, where profile.proto allows them as well as anywhere.
 */
public final class PprofExport implements ProfileRenderer {

    // profile.proto's field numbers (https://github.com/google/pprof/blob/main/proto/profile.proto)
    private static final int PROFILE_SAMPLE_TYPE = 1;
    private static final int PROFILE_SAMPLE = 2;
    private static final int PROFILE_MAPPING = 3;
    private static final int PROFILE_LOCATION = 4;
    private static final int PROFILE_FUNCTION = 5;
    private static final int PROFILE_STRING_TABLE = 6;
    private static final int PROFILE_TIME_NANOS = 9;
    private static final int PROFILE_DURATION_NANOS = 10;
    private static final int PROFILE_PERIOD_TYPE = 11;
    private static final int PROFILE_PERIOD = 12;
    private static final int PROFILE_COMMENT = 13;
    private static final int PROFILE_DEFAULT_SAMPLE_TYPE = 14;
    private static final int VALUE_TYPE_TYPE = 1;
    private static final int VALUE_TYPE_UNIT = 2;
    private static final int SAMPLE_LOCATION_ID = 1;
    private static final int SAMPLE_VALUE = 2;
    private static final int SAMPLE_LABEL = 3;
    private static final int LABEL_KEY = 1;
    private static final int LABEL_STR = 2;
    private static final int LABEL_NUM = 3;
    private static final int LABEL_NUM_UNIT = 4;
    private static final int MAPPING_ID = 1;
    private static final int MAPPING_FILENAME = 5;
    private static final int MAPPING_HAS_FUNCTIONS = 7;
    private static final int MAPPING_HAS_FILENAMES = 8;
    private static final int MAPPING_HAS_LINE_NUMBERS = 9;
    private static final int LOCATION_ID = 1;
    private static final int LOCATION_MAPPING_ID = 2;
    private static final int LOCATION_LINE = 4;
    private static final int LINE_FUNCTION_ID = 1;
    private static final int LINE_LINE = 2;
    private static final int FUNCTION_ID = 1;
    private static final int FUNCTION_NAME = 2;
    private static final int FUNCTION_SYSTEM_NAME = 3;
    private static final int FUNCTION_FILENAME = 4;
    private static final int FUNCTION_START_LINE = 5;

    /** The one mapping every location belongs to: the recorded JVM's code, fully symbolized. */
    private static final long MAPPING = 1;
    /** Samples are handed to the gzip stream in batches of about this many bytes. */
    private static final int BATCH_BYTES = 64 * 1024;

    @Override
    public void render(Profile profile, String source, OutputStream target) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(target, BATCH_BYTES);
        new Encoding(profile).write(source, gzip);
        gzip.finish(); // not close(): the caller owns target
        target.flush();
    }

    /** The tables of one export: strings, functions (one per method) and locations. */
    private static final class Encoding {

        private final Profile profile;
        private final boolean allocations;
        private final Map<String, Long> strings = new LinkedHashMap<>();
        private final Map<MethodRef, Function> functions = new LinkedHashMap<>();
        /** Locations by function and line; a call-tree frame is its function's location at {@link Function#startLine}. */
        private final Map<Function, Map<Long, Long>> locations = new LinkedHashMap<>();
        private long nextLocation = 1;
        private final ProtobufWriter batch = new ProtobufWriter();
        private final ProtobufWriter sample = new ProtobufWriter();
        private final ProtobufWriter part = new ProtobufWriter();
        private final long[] values;
        private long[] leafFirst = new long[64];
        private final long labelTiming;
        private final long labelSampled;
        private final long labelFolded;
        private final long labelCalls;

        Encoding(Profile profile) {
            this.profile = profile;
            this.allocations = !profile.allocations().isEmpty();
            this.values = new long[allocations ? 5 : 3];
            string(""); // string_table[0] must be ""
            labelTiming = string("timing");
            labelSampled = string("sampled");
            labelFolded = string("folded_calls");
            labelCalls = string("calls");
            sourceFacts();
        }

        void write(String source, OutputStream out) throws IOException {
            valueType(PROFILE_SAMPLE_TYPE, "calls", "count");
            valueType(PROFILE_SAMPLE_TYPE, "total", "nanoseconds");
            valueType(PROFILE_SAMPLE_TYPE, "self", "nanoseconds");
            if (allocations) {
                valueType(PROFILE_SAMPLE_TYPE, "alloc_objects", "count");
                valueType(PROFILE_SAMPLE_TYPE, "alloc_space", "bytes");
            }
            // every call counted: one call per event, none left out between them
            valueType(PROFILE_PERIOD_TYPE, "calls", "count");
            batch.varint(PROFILE_PERIOD, 1);
            batch.varint(PROFILE_DEFAULT_SAMPLE_TYPE, string("self"));
            profile.facts().startMillis().ifPresent(start -> {
                batch.varint(PROFILE_TIME_NANOS, start * 1_000_000);
                profile.facts().endMillis().ifPresent(end -> batch.varint(PROFILE_DURATION_NANOS, (end - start) * 1_000_000));
            });
            long[] comments = comments(source).stream().mapToLong(this::string).toArray();
            batch.packedVarints(PROFILE_COMMENT, comments, comments.length);
            callTreeSamples(out);
            allocationSamples(out);
            mapping();
            locationsAndFunctions();
            for (String s : strings.keySet()) {
                batch.string(PROFILE_STRING_TABLE, s);
            }
            batch.writeTo(out);
            batch.reset();
        }

        private List<String> comments(String source) {
            List<String> comments = new ArrayList<>();
            comments.add("hotline profile of " + source + ": every node of the exact calling-context tree is one sample"
                    + " (calls counted, not sampled); self is the default value, total's flat column is a method's"
                    + " inclusive time on each of its paths");
            String sampled = TimingNote.sampledLine(profile).orElse(null);
            for (String line : TimingNote.lines(profile, false)) {
                if (!line.equals(sampled)) {
                    comments.add(line.replace("; --raw shows them as measured", ""));
                }
            }
            comments.addAll(CallTreeNote.lines(profile).stream()
                    .map(line -> line.replace("(marked \u21bb, or _[folded] in folded stacks)",
                            "(their samples carry the label folded_calls, and the calls value includes them)"))
                    .toList());
            long estimated = profile.methods().stream().filter(MethodProfile::sampled).count();
            if (estimated > 0) {
                comments.add(estimated + " methods were timed at 1 in N calls (adaptive timing; every call counted): their"
                        + " times are estimates, and the samples ending in them carry the label timing=sampled"
                        + " (go tool pprof -tags); timing=exact times every call");
            }
            if (allocations) {
                comments.add("allocation samples (alloc_objects, alloc_space) are per allocation site, the allocating"
                        + " method at its line, labelled with the type; bytes 0 where the instance size was unknown");
            }
            return comments;
        }

        /** One sample per node with calls or time; the stack is the node's path, leaf first. */
        private void callTreeSamples(OutputStream out) throws IOException {
            long[] path = new long[64];
            Deque<Iterator<CallTreeNode>> pending = new ArrayDeque<>();
            pending.push(profile.callTree().children().iterator());
            while (!pending.isEmpty()) {
                Iterator<CallTreeNode> siblings = pending.peek();
                if (!siblings.hasNext()) {
                    pending.pop();
                    continue;
                }
                CallTreeNode node = siblings.next();
                int depth = pending.size() - 1;
                if (depth >= path.length) {
                    path = Arrays.copyOf(path, path.length * 2);
                }
                Function function = function(node.method());
                path[depth] = location(function, function.startLine);
                if (node.calls() != 0 || node.foldedCalls() != 0 || node.totalNanos() != 0 || node.selfNanos() != 0) {
                    Arrays.fill(values, 0);
                    // a recursive call folded into this node is a call of its method too: with them the
                    // leaf sums are the method table's ncalls
                    values[0] = node.calls() + node.foldedCalls();
                    values[1] = node.totalNanos();
                    values[2] = node.selfNanos();
                    MethodProfile method = profile.method(node.method());
                    sample.reset();
                    if (method != null && method.sampled()) {
                        sample.message(SAMPLE_LABEL, part.reset().varint(LABEL_KEY, labelTiming).varint(LABEL_STR, labelSampled));
                    }
                    if (node.foldedCalls() > 0) {
                        sample.message(SAMPLE_LABEL, part.reset().varint(LABEL_KEY, labelFolded).varint(LABEL_NUM, node.foldedCalls())
                                .varint(LABEL_NUM_UNIT, labelCalls));
                    }
                    sample(path, depth + 1, out);
                }
                pending.push(node.children().iterator());
            }
        }

        private void allocationSamples(OutputStream out) throws IOException {
            long[] leaf = new long[1];
            long labelType = string("type");
            for (AllocationProfile allocation : AllocationReport.bySize(profile.allocations())) {
                AllocationSite site = allocation.site();
                leaf[0] = location(function(site.method()), site.line());
                Arrays.fill(values, 0);
                values[3] = allocation.count();
                values[4] = Math.max(0, allocation.bytes());
                sample.reset().message(SAMPLE_LABEL, part.reset().varint(LABEL_KEY, labelType).varint(LABEL_STR, string(site.type())));
                sample(leaf, 1, out);
            }
        }

        /** Completes {@link #sample}, which holds the sample's labels, with {@link #values} and the first {@code depth} frames of {@code path}. */
        private void sample(long[] path, int depth, OutputStream out) throws IOException {
            if (leafFirst.length < depth) {
                leafFirst = new long[Math.max(depth, 2 * leafFirst.length)];
            }
            for (int i = 0; i < depth; i++) {
                leafFirst[i] = path[depth - 1 - i];
            }
            sample.packedVarints(SAMPLE_LOCATION_ID, leafFirst, depth).packedVarints(SAMPLE_VALUE, values, values.length);
            batch.message(PROFILE_SAMPLE, sample);
            if (batch.size() >= BATCH_BYTES) {
                batch.writeTo(out);
                batch.reset();
            }
        }

        private void mapping() {
            boolean files = functions.values().stream().anyMatch(f -> f.file != 0);
            String command = profile.session().getOrDefault(SessionKeys.COMMAND, "java");
            int space = command.indexOf(' ');
            part.reset().varint(MAPPING_ID, MAPPING).varint(MAPPING_FILENAME, string(space < 0 ? command : command.substring(0, space)))
                    .varint(MAPPING_HAS_FUNCTIONS, 1).varintUnlessZero(MAPPING_HAS_FILENAMES, files ? 1 : 0)
                    .varintUnlessZero(MAPPING_HAS_LINE_NUMBERS, files ? 1 : 0);
            batch.message(PROFILE_MAPPING, part);
        }

        private void locationsAndFunctions() {
            ProtobufWriter line = new ProtobufWriter();
            for (Map.Entry<Function, Map<Long, Long>> byFunction : locations.entrySet()) {
                for (Map.Entry<Long, Long> location : byFunction.getValue().entrySet()) {
                    line.reset().varint(LINE_FUNCTION_ID, byFunction.getKey().id).varintUnlessZero(LINE_LINE, location.getKey());
                    part.reset().varint(LOCATION_ID, location.getValue()).varint(LOCATION_MAPPING_ID, MAPPING)
                            .message(LOCATION_LINE, line);
                    batch.message(PROFILE_LOCATION, part);
                }
            }
            for (Function f : functions.values()) {
                part.reset().varint(FUNCTION_ID, f.id).varint(FUNCTION_NAME, f.name).varint(FUNCTION_SYSTEM_NAME, f.systemName)
                        .varintUnlessZero(FUNCTION_FILENAME, f.file).varintUnlessZero(FUNCTION_START_LINE, f.startLine);
                batch.message(PROFILE_FUNCTION, part);
            }
        }

        private void valueType(int field, String type, String unit) {
            batch.message(field, part.reset().varint(VALUE_TYPE_TYPE, string(type)).varint(VALUE_TYPE_UNIT, string(unit)));
        }

        private long string(String s) {
            return strings.computeIfAbsent(s, k -> (long) strings.size());
        }

        /** The function of a method, or of the "(other paths)" of the call tree's node limit. */
        private Function function(MethodRef method) {
            return functions.computeIfAbsent(method, m -> {
                boolean other = CallTreeNode.OTHER_PATHS.equals(m);
                return new Function(functions.size() + 1, string(other ? "(other paths)" : m.displayName()),
                        string(other ? "(other paths)" : m.key()));
            });
        }

        private long location(Function function, long line) {
            return locations.computeIfAbsent(function, f -> new HashMap<>()).computeIfAbsent(line, l -> nextLocation++);
        }

        /**
         * The source file and first line of the methods the dump has them for: those with line data
         * ({@code lines=}, {@code linehits=}) or allocation sites ({@code alloc=}). The dump records
         * no file for other methods; their functions have a name only.
         */
        private void sourceFacts() {
            for (LineProfile line : profile.lines()) {
                function(line.line().method()).source(string(line.line().file()), line.line().line());
            }
            for (AllocationProfile allocation : profile.allocations()) {
                AllocationSite site = allocation.site();
                function(site.method()).source(string(site.file()), site.line());
            }
        }
    }

    /** A pprof Function: one per method; name and system name are string-table indices. */
    private static final class Function {
        final long id;
        final long name;
        final long systemName;
        long file;
        long startLine;

        Function(long id, long name, long systemName) {
            this.id = id;
            this.name = name;
            this.systemName = systemName;
        }

        /** The method's file, and its first line that the dump knows of (the lowest with data). */
        void source(long fileIndex, int line) {
            if (fileIndex != 0) {
                file = fileIndex;
            }
            if (line > 0 && (startLine == 0 || line < startLine)) {
                startLine = line;
            }
        }
    }
}
