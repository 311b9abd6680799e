package dev.hotline.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The header: what machine, JDKs and clock the numbers come from. */
final class Machine {

    private Machine() {
    }

    static String describe(Peers peers, Runner runner) throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder("## Machine\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| memory | ").append(memory()).append(" |\n");
        md.append("| kernel | ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(" |\n");
        md.append("| clocksource | ").append(read("/sys/devices/system/clocksource/clocksource0/current_clocksource"))
                .append(" |\n");
        for (Path java : new Path[] {peers.java17, peers.java25}) {
            if (java == null) {
                md.append("| JDK 25 | not found: JFR jdk.MethodTiming rows are left out |\n");
                continue;
            }
            ChildJvm.Run r = runner.run("machine", peers.none(java), "dev.hotline.bench.NanoTimeCost");
            String vm = r.stdout().replaceAll("(?s).*vm=(\\S+) (\\S+).*", "$1 $2").replace('_', ' ').trim();
            md.append(String.format(Locale.ROOT, "| %s | `System.nanoTime()` %.1f ns per call, granularity %.0f ns |%n",
                    vm, r.value("nanotime_ns"), r.value("granularity_ns")));
        }
        return md.toString();
    }

    private static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String memory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    private static String read(String file) throws IOException {
        Path p = Path.of(file);
        return Files.exists(p) ? Files.readString(p).trim() : "?";
    }
}
