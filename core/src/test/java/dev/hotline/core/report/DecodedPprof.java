package dev.hotline.core.report;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A pprof profile read back with protobuf-java's schema-less parser ({@link UnknownFieldSet}), not
 * with anything of the writer's: field numbers as profile.proto gives them, strings resolved.
 */
final class DecodedPprof {

    record Sample(List<Long> locationIds, List<Long> values, Map<String, String> labels) {
    }

    record Line(long functionId, long line) {
    }

    record Location(long id, long mappingId, List<Line> lines) {
    }

    record Function(long id, String name, String systemName, String file, long startLine) {
    }

    final List<String> strings = new ArrayList<>();
    final List<String> sampleTypes = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    final Map<Long, Location> locations = new LinkedHashMap<>();
    final Map<Long, Function> functions = new LinkedHashMap<>();
    final List<Long> mappingIds = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    String defaultSampleType;
    String periodType;
    long period;
    long timeNanos;
    long durationNanos;

    static DecodedPprof of(byte[] gzipped) throws IOException {
        byte[] bytes = new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
        return new DecodedPprof(UnknownFieldSet.parseFrom(bytes));
    }

    private DecodedPprof(UnknownFieldSet profile) throws IOException {
        for (ByteString s : profile.getField(6).getLengthDelimitedList()) {
            strings.add(s.toStringUtf8());
        }
        for (ByteString t : profile.getField(1).getLengthDelimitedList()) {
            sampleTypes.add(valueType(t));
        }
        for (ByteString s : profile.getField(2).getLengthDelimitedList()) {
            UnknownFieldSet sample = UnknownFieldSet.parseFrom(s);
            Map<String, String> labels = new LinkedHashMap<>();
            for (ByteString l : sample.getField(3).getLengthDelimitedList()) {
                UnknownFieldSet label = UnknownFieldSet.parseFrom(l);
                // a numeric label as "NUM UNIT"
                labels.put(string(label, 1), label.hasField(3) ? one(label, 3) + " " + string(label, 4) : string(label, 2));
            }
            samples.add(new Sample(varints(sample, 1), varints(sample, 2), labels));
        }
        for (ByteString l : profile.getField(4).getLengthDelimitedList()) {
            UnknownFieldSet location = UnknownFieldSet.parseFrom(l);
            List<Line> lines = new ArrayList<>();
            for (ByteString line : location.getField(4).getLengthDelimitedList()) {
                UnknownFieldSet fields = UnknownFieldSet.parseFrom(line);
                lines.add(new Line(one(fields, 1), one(fields, 2)));
            }
            long id = one(location, 1);
            if (locations.put(id, new Location(id, one(location, 2), lines)) != null) {
                throw new AssertionError("location id " + id + " twice");
            }
        }
        for (ByteString f : profile.getField(5).getLengthDelimitedList()) {
            UnknownFieldSet function = UnknownFieldSet.parseFrom(f);
            long id = one(function, 1);
            if (functions.put(id, new Function(id, string(function, 2), string(function, 3), string(function, 4),
                    one(function, 5))) != null) {
                throw new AssertionError("function id " + id + " twice");
            }
        }
        for (ByteString m : profile.getField(3).getLengthDelimitedList()) {
            mappingIds.add(one(UnknownFieldSet.parseFrom(m), 1));
        }
        for (long c : varints(profile, 13)) {
            comments.add(strings.get((int) c));
        }
        defaultSampleType = string(profile, 14);
        periodType = profile.getField(11).getLengthDelimitedList().isEmpty() ? null
                : valueType(profile.getField(11).getLengthDelimitedList().get(0));
        period = one(profile, 12);
        timeNanos = one(profile, 9);
        durationNanos = one(profile, 10);
    }

    /** The function names of a sample's stack, leaf first. */
    List<String> stack(Sample sample) {
        List<String> names = new ArrayList<>();
        for (long id : sample.locationIds()) {
            for (Line line : locations.get(id).lines()) {
                names.add(functions.get(line.functionId()).name());
            }
        }
        return names;
    }

    int valueIndex(String type) {
        for (int i = 0; i < sampleTypes.size(); i++) {
            if (sampleTypes.get(i).startsWith(type + "/")) {
                return i;
            }
        }
        throw new AssertionError("no sample type " + type + " in " + sampleTypes);
    }

    private String valueType(ByteString bytes) throws IOException {
        UnknownFieldSet type = UnknownFieldSet.parseFrom(bytes);
        return string(type, 1) + "/" + string(type, 2);
    }

    private String string(UnknownFieldSet message, int field) {
        return strings.get((int) one(message, field));
    }

    /** A singular varint field: absent means 0 (proto3); present more than once is an error here. */
    private static long one(UnknownFieldSet message, int field) {
        List<Long> values = message.getField(field).getVarintList();
        if (values.size() > 1) {
            throw new AssertionError("field " + field + " written " + values.size() + " times");
        }
        return values.isEmpty() ? 0 : values.get(0);
    }

    /** A repeated varint field, packed (length-delimited) or not. */
    private static List<Long> varints(UnknownFieldSet message, int field) throws IOException {
        List<Long> values = new ArrayList<>(message.getField(field).getVarintList());
        for (ByteString packed : message.getField(field).getLengthDelimitedList()) {
            CodedInputStream in = packed.newCodedInput();
            while (!in.isAtEnd()) {
                values.add(in.readInt64());
            }
        }
        return values;
    }
}
