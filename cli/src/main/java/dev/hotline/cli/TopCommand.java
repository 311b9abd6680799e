package dev.hotline.cli;

import dev.hotline.core.attach.ControlReply;
import dev.hotline.core.attach.ControlRequest;
import dev.hotline.core.dump.DumpReader;
import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "top", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A live view of a running JVM, as py-spy top: the methods with the most self time.", "",
            "Attaches to PID (as hotline attach --start, with interval= dumps into a private directory),",
            "then every interval shows the methods with the most self time in it, their calls per second,",
            "the p50 and p99 of the calls that ended in it, and their totals since the attach. Refreshes in",
            "place until q or Ctrl-C, which detach. When stdout is not a terminal it prints plain screens",
            "one after another; --once prints one screen and exits.",
            "",
            "Example: hotline top 4242 --includes 'com.acme.*'"})
final class TopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM to watch (see hotline jvms).")
    long pid;

    @Mixin
    AgentFlags agent = new AgentFlags();

    @Option(names = "--refresh", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often the screen refreshes (default 1s; at least 100ms).")
    String refresh;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "20", description = "Methods shown (default 20).")
    int rows;

    @Option(names = "--once", description = "Print one screen (after one refresh interval), detach and exit.")
    boolean once;

    @Override
    public Integer call() throws IOException {
        Duration every = AgentOptions.parseDuration(refresh);
        if (every == null || every.toMillis() < 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--refresh " + refresh + ": expected a duration of at least 100ms, such as 500ms or 2s");
        }
        Path dir = Files.createTempDirectory("hotline-top-"); // rwx------: the dumps are only this user's
        Path dump = dir.resolve("top.hotline");
        Map<String, String> values = agent.selection(null, null);
        values.put(AgentOptions.OUT, dump.toString());
        values.put(AgentOptions.INTERVAL, every.toMillis() + "ms");
        AgentOptions options = agent.validated(values);
        AgentChannel channel = new AgentChannel(pid);
        boolean live = !once && System.console() != null;
        try {
            ControlReply started = channel.send(ControlRequest.Command.START, options.raw());
            if (!started.ok()) {
                return ControlCommands.fail(spec, started.message());
            }
            boolean ended = watch(channel, dump, every, live);
            ControlReply detached = channel.send(ControlRequest.Command.DETACH, "");
            if (!ended) {
                return ControlCommands.fail(spec, "the JVM " + pid + " exited");
            }
            return detached.ok() ? 0 : ControlCommands.fail(spec, detached.message());
        } catch (AgentChannel.Refused e) {
            return ControlCommands.fail(spec, e.getMessage());
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Shows screens until q, Ctrl-C or (with --once) the first; false if the JVM exited. */
    private boolean watch(AgentChannel channel, Path dump, Duration every, boolean live) {
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean quit = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Object previousHandler = AttachCommand.onInterrupt(() -> {
            quit.set(true);
            LockSupport.unpark(main);
        });
        Terminal terminal = live ? Terminal.open(quit, main) : null;
        try {
            Profile previous = null;
            long previousMillis = 0;
            long lastModified = -1;
            long started = System.nanoTime();
            while (!quit.get()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                if (!channel.alive()) {
                    return false;
                }
                long modified = dump.toFile().lastModified();
                if (modified == 0 || modified == lastModified) {
                    if (System.nanoTime() - started > every.toNanos() * 10 + TimeUnit.SECONDS.toNanos(10)) {
                        out.println("no dump from the agent yet");
                        out.flush();
                        started = System.nanoTime();
                    }
                    continue;
                }
                Profile current;
                try {
                    current = DumpReader.read(dump);
                } catch (IOException e) {
                    continue; // replaced while being read: the next one
                }
                lastModified = modified;
                long nowMillis = endMillis(current);
                double seconds = previous == null ? (nowMillis - startMillis(current)) / 1000.0 : (nowMillis - previousMillis) / 1000.0;
                List<String> screen = TopScreen.lines(title(current, nowMillis, live), TopScreen.rows(previous, current), seconds, rows);
                if (live) {
                    out.print("\033[H\033[2J"); // home, clear: refresh in place
                }
                screen.forEach(out::println);
                if (!live) {
                    out.println();
                }
                out.flush();
                previous = current;
                previousMillis = nowMillis;
                if (once && current.intervals().size() >= 1 && seconds > 0) {
                    return true;
                }
            }
            return true;
        } finally {
            if (terminal != null) {
                terminal.close();
            }
            AttachCommand.restore(previousHandler);
        }
    }

    private String title(Profile profile, long nowMillis, boolean live) {
        long since = (nowMillis - startMillis(profile)) / 1000;
        return "hotline top " + pid + "  " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  attached " + since + " s"
                + (live ? "  (q or Ctrl-C: detach)" : "");
    }

    private static long startMillis(Profile profile) {
        return number(profile, dev.hotline.core.profile.SessionKeys.START_EPOCH_MILLIS);
    }

    private static long endMillis(Profile profile) {
        return number(profile, dev.hotline.core.profile.SessionKeys.END_EPOCH_MILLIS);
    }

    private static long number(Profile profile, String key) {
        try {
            return Long.parseLong(profile.session().getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The terminal in character mode (stty), so {@code q} ends the view without Enter; put back as
     * it was when closed. Where stty is missing, {@code q} and Enter do the same.
     */
    static final class Terminal {

        private final String saved;
        private final Thread reader;

        private Terminal(String saved, Thread reader) {
            this.saved = saved;
            this.reader = reader;
        }

        static Terminal open(AtomicBoolean quit, Thread main) {
            String saved = stty("-g").trim();
            if (!saved.isEmpty()) {
                stty("-icanon", "min", "1", "-echo");
            }
            Thread reader = new Thread(() -> {
                InputStream in = System.in;
                try {
                    for (int c = in.read(); c >= 0; c = in.read()) {
                        if (c == 'q' || c == 'Q') {
                            quit.set(true);
                            LockSupport.unpark(main);
                            return;
                        }
                    }
                } catch (IOException e) {
                    // no input: Ctrl-C still ends the view
                }
            }, "hotline-top-keys");
            reader.setDaemon(true);
            reader.start();
            return new Terminal(saved, reader);
        }

        void close() {
            if (!saved.isEmpty()) {
                stty(saved);
            }
            reader.interrupt();
        }

        private static String stty(String... args) {
            try {
                List<String> command = new java.util.ArrayList<>(List.of("stty"));
                command.addAll(List.of(args));
                Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return p.waitFor() == 0 ? output : "";
            } catch (IOException | InterruptedException e) {
                return "";
            }
        }
    }
}
