package dev.hotline.core.report;

import com.google.gson.stream.JsonWriter;
import dev.hotline.core.profile.AllocationProfile;
import dev.hotline.core.profile.CallEdge;
import dev.hotline.core.profile.LineProfile;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as one JSON object, with exactly the field names of the version-1 contract in the
 * README's "Report JSON". Fields may be added; none is renamed or changes meaning within version 1.
 */
public final class JsonReport implements ProfileRenderer {

    private final MethodSort sort;

    public JsonReport(MethodSort sort) {
        this.sort = sort;
    }

    /** How the times were taken: the mode, what was subtracted in all and per probe (ns), the clamps. */
    private static void timing(Profile profile, JsonWriter json) throws IOException {
        var facts = profile.facts();
        json.name("timing").beginObject();
        json.name("mode").value(profile.session().getOrDefault(SessionKeys.TIMING, "exact"));
        json.name("calibrated").value(TimingNote.calibrated(profile));
        json.name("probeCostNanos").value(facts.count(SessionKeys.PROBE_COST_NANOS));
        json.name("clamped").value(facts.count(SessionKeys.TIMES_CLAMPED));
        json.name("costNanos").beginObject();
        for (String key : SessionKeys.CALIBRATION_PS) {
            String name = key.substring(key.indexOf('.') + 1, key.length() - 2); // calibration.timedCallPs -> timedCall
            json.name(name).value(facts.count(key) / 1000.0);
        }
        json.endObject();
        json.endObject();
    }

    @Override
    public void render(Profile profile, String source, OutputStream out) throws IOException {
        Writer target = new OutputStreamWriter(out, StandardCharsets.UTF_8); // not closed: that would close out
        JsonWriter json = new JsonWriter(target);
        json.setIndent("  ");
        json.beginObject();
        json.name("hotline").value(1);
        json.name("session").beginObject();
        for (var fact : profile.session().entrySet()) {
            json.name(fact.getKey()).value(fact.getValue());
        }
        json.endObject();
        timing(profile, json);

        List<MethodProfile> methods = new ArrayList<>(profile.methods());
        methods.sort(sort.comparator());
        json.name("methods").beginArray();
        for (MethodProfile m : methods) {
            json.beginObject();
            json.name("class").value(m.method().className());
            json.name("method").value(m.method().name());
            json.name("descriptor").value(m.method().descriptor());
            json.name("calls").value(m.calls());
            json.name("exceptions").value(m.exceptions());
            json.name("totalNanos").value(m.totalNanos());
            json.name("selfNanos").value(m.selfNanos());
            json.name("minNanos").value(m.minNanos());
            json.name("p50Nanos").value(m.percentileNanos(50));
            json.name("p90Nanos").value(m.percentileNanos(90));
            json.name("p99Nanos").value(m.percentileNanos(99));
            json.name("maxNanos").value(m.maxNanos());
            // added in 1.2 dumps: the times above are the program's own (probe cost subtracted)
            json.name("timing").value(m.sampled() ? "sampled" : "exact");
            json.name("timedCalls").value(m.timedCalls());
            json.name("errorPercent").value(Math.round(1000 * m.relativeError()) / 10.0);
            json.name("measuredTotalNanos").value(m.measuredTotalNanos());
            json.name("measuredSelfNanos").value(m.measuredSelfNanos());
            json.name("overheadNanos").value(m.overheadNanos());
            json.endObject();
        }
        json.endArray();

        json.name("edges").beginArray();
        for (CallEdge e : profile.edges()) {
            json.beginObject();
            json.name("caller").value(e.caller().key());
            json.name("callee").value(e.callee().key());
            json.name("calls").value(e.calls());
            json.name("totalNanos").value(e.totalNanos());
            json.endObject();
        }
        json.endArray();

        json.name("lines").beginArray();
        for (LineProfile l : LineReport.inSourceOrder(profile.lines())) {
            json.beginObject();
            json.name("class").value(l.line().method().className());
            json.name("method").value(l.line().method().name());
            json.name("descriptor").value(l.line().method().descriptor());
            json.name("file").value(l.line().file());
            json.name("line").value(l.line().line());
            json.name("hits").value(l.hits());
            if (l.timed()) {
                json.name("totalNanos").value(l.totalNanos());
                json.name("p50Nanos").value(l.percentileNanos(50));
                json.name("p99Nanos").value(l.percentileNanos(99));
            } else { // counted without times (linehits=): the times are unknown, not zero
                json.name("totalNanos").nullValue();
                json.name("p50Nanos").nullValue();
                json.name("p99Nanos").nullValue();
            }
            json.name("timed").value(l.timed());
            if (l.timed()) {
                json.name("timing").value(l.sampled() ? "sampled" : "exact");
                json.name("timedHits").value(l.timedHits());
                json.name("errorPercent").value(Math.round(1000 * l.relativeError()) / 10.0);
                json.name("measuredTotalNanos").value(l.measuredNanos());
            }
            json.endObject();
        }
        json.endArray();
        json.name("allocations").beginArray();
        for (AllocationProfile a : AllocationReport.bySize(profile.allocations())) {
            json.beginObject();
            json.name("class").value(a.site().method().className());
            json.name("method").value(a.site().method().name());
            json.name("descriptor").value(a.site().method().descriptor());
            json.name("line").value(a.site().line());
            json.name("type").value(a.site().type());
            json.name("count").value(a.count());
            json.name("bytes").value(a.bytes());
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.flush();
        target.write(System.lineSeparator());
        target.flush();
    }
}
