package dev.hotline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the demo JVM, with or without the agent. Its standard output passes through to the
 * command's writer line by line; the run keeps the time the demo printed for its computation
 * ({@code boxed: sum=33219980 took 0.853 s}) beside the wall-clock time around the whole process.
 *
 * @param pid         the demo JVM's pid (the {@code %p} of its dump path)
 * @param tookSeconds the sum of the demo's {@code took N s} lines; NaN if it printed none
 */
record DemoRun(long pid, int exitCode, long wallNanos, double tookSeconds) {

    private static final Pattern TOOK = Pattern.compile("\\btook (\\d+(?:\\.\\d+)?) s\\b");

    /**
     * Starts the process, copies its standard output to {@code out} and waits for it as
     * {@link AgentLaunch#waitFor} does (Ctrl-C ends the demo, not this command).
     */
    static DemoRun run(ProcessBuilder builder, PrintWriter out) throws IOException {
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process process = builder.start();
        OutputCopy copy = new OutputCopy(process.getInputStream(), out);
        // a thread of its own: the waiting thread must be in AgentLaunch.waitFor, which ignores SIGINT
        Thread copier = new Thread(copy, "hotline-demo-output");
        copier.setDaemon(true);
        copier.start();
        int exitCode = AgentLaunch.waitFor(process);
        long wallNanos = System.nanoTime() - start;
        joinUninterruptibly(copier);
        return new DemoRun(process.pid(), exitCode, wallNanos, copy.tookSeconds);
    }

    /**
     * {@code plain run 0.85 s, with hotline 1.62 s (1.9x; ...)}: the demo's own times of its
     * computation when both runs printed one, else the wall-clock times of the two JVMs, start to
     * exit (which also hold JVM start-up, and with hotline the agent's start and the dump).
     */
    static String comparison(DemoRun plain, DemoRun profiled) {
        boolean own = plain.tookSeconds > 0 && profiled.tookSeconds > 0;
        double before = own ? plain.tookSeconds : plain.wallNanos / 1e9;
        double after = own ? profiled.tookSeconds : profiled.wallNanos / 1e9;
        return String.format(Locale.ROOT, "plain run %s s, with hotline %s s (%.1fx; %s)", seconds(before), seconds(after),
                after / before, own ? "the computation, as the demo timed it" : "whole JVMs, start to exit");
    }

    /** The N of a {@code took N s} in the line, or NaN. */
    static double took(String line) {
        Matcher took = TOOK.matcher(line);
        return took.find() ? Double.parseDouble(took.group(1)) : Double.NaN;
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, seconds >= 10 ? "%.1f" : seconds >= 0.1 ? "%.2f" : "%.3f", seconds);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies the demo's lines to the writer as they come, adding up the times it prints. */
    private static final class OutputCopy implements Runnable {

        private final InputStream in;
        private final PrintWriter out;
        private double tookSeconds = Double.NaN;

        OutputCopy(InputStream in, PrintWriter out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.println(line);
                    out.flush();
                    double took = took(line);
                    if (!Double.isNaN(took)) {
                        tookSeconds = (Double.isNaN(tookSeconds) ? 0 : tookSeconds) + took;
                    }
                }
            } catch (IOException e) {
                // the pipe broke: the demo is gone, nothing more to copy
            }
        }
    }
}
