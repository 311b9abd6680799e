package dev.hotline.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs workloads under a {@link Setup}, printing one progress line per run on stderr. */
final class Runner {

    private final Peers peers;
    private final long suiteStart = System.nanoTime();

    Runner(Peers peers) {
        this.peers = peers;
    }

    ChildJvm.Run run(String section, Setup setup, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> jvmArgs = new ArrayList<>(setup.jvmArgs());
        jvmArgs.add("-cp");
        jvmArgs.add(peers.classPath());
        List<String> main = new ArrayList<>();
        if (setup.wrapper() != null) {
            main.add(setup.wrapper());
        }
        main.add(mainClass);
        main.addAll(List.of(args));
        ChildJvm.Run run = ChildJvm.run(setup.java(), jvmArgs, main, setup.env(), peers.work);
        progress(section, setup.name() + " " + String.join(" ", args),
                String.format(java.util.Locale.ROOT, "%.1f s", run.wallNanos() / 1e9));
        return run;
    }

    void progress(String section, String what, String result) {
        long elapsed = (System.nanoTime() - suiteStart) / 1_000_000_000L;
        System.err.printf("[%2d:%02d] %-8s %-60s %s%n", elapsed / 60, elapsed % 60, section, what, result);
    }
}
