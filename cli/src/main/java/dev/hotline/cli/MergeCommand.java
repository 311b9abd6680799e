package dev.hotline.cli;

import dev.hotline.core.dump.DumpWriter;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.ProfileMerger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Add dumps up into one.", "", "Add dumps up into one: counts and times sum, latency histograms add, call trees",
            "merge path by path. Dumps of many JVMs and hosts combine (one agent per JVM, one view)."})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DUMP", description = "Dumps to merge.")
    List<Path> dumps;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The merged dump to write.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < dumps.size(); i++) {
            Profile profile = DumpFile.read(dumps.get(i), err);
            if (profile == null) {
                return HotlineCli.EXIT_BAD_INPUT;
            }
            profiles.add(profile);
            if (dumps.size() > 20) {
                err.print("\rhotline merge: read " + (i + 1) + " of " + dumps.size() + " dumps");
                err.flush();
            }
        }
        if (dumps.size() > 20) {
            err.println();
        }
        try {
            DumpWriter.writeAtomically(ProfileMerger.merge(profiles), output);
        } catch (IOException e) {
            err.println("hotline merge: cannot write " + output + ": " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        spec.commandLine().getOut().println("merged " + dumps.size() + " dumps into " + output);
        return 0;
    }
}
