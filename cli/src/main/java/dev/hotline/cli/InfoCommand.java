package dev.hotline.cli;

import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.core.report.Durations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show what a dump holds.", "", "What a dump holds: the JVM, when it ran, the agent options, how many probes,",
            "classes instrumented and failed, calls still open, intervals recorded."})
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DUMP", description = "A dump written by the agent.")
    Path dump;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Profile profile = DumpFile.read(dump, spec.commandLine().getErr());
        if (profile == null) {
            return HotlineCli.EXIT_BAD_INPUT;
        }
        Map<String, String> s = profile.session();
        out.println(dump + "  (" + Files.size(dump) + " bytes, dump format " + dev.hotline.core.dump.DumpFormat.major()
                + "." + dev.hotline.core.dump.DumpFormat.minor() + ")");
        for (Map.Entry<String, String> fact : s.entrySet()) {
            String value = fact.getValue();
            var millis = profile.facts().number(fact.getKey());
            if (fact.getKey().endsWith("epochMillis") && millis.isPresent()) {
                value = value + " (" + Instant.ofEpochMilli(millis.getAsLong()) + ")";
            }
            out.println(String.format("  %-24s %s", fact.getKey(), value));
        }
        if (profile.facts().recordedMillis().isPresent()) {
            long ms = profile.facts().recordedMillis().getAsLong();
            out.println(String.format("  %-24s %s", "recorded for", Durations.format(ms * 1_000_000L)));
        }
        long calls = profile.methods().stream().mapToLong(MethodProfile::calls).sum();
        out.println(String.format("  %-24s %d methods with calls, %d calls", "methods", profile.methods().size(), calls));
        out.println(String.format("  %-24s %d lines with hits", "lines", profile.lines().size()));
        out.println(String.format("  %-24s %d sites that allocated", "allocations", profile.allocations().size()));
        out.println(String.format("  %-24s %d", "intervals", profile.intervals().size()));
        out.println(String.format("  %-24s %d nodes, %d recursive calls folded, %d calls in (other paths)", "call tree",
                dev.hotline.core.report.CallTreeNote.nodes(profile), profile.facts().count(SessionKeys.FOLDED_CALLS),
                profile.facts().count(SessionKeys.OTHER_PATH_CALLS)));
        out.flush();
        return 0;
    }
}
