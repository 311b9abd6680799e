package dev.hotline.it.targets.attach;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * A JVM hotline attaches to while it runs, driven line by line from stdin so the test knows
 * exactly how many calls happened when: {@code run N} calls {@link Worker#work} N times,
 * {@code props} lists the system properties that name hotline or Byte Buddy, {@code quit} ends it.
 * Each answer is one line on stdout.
 */
public final class AttachTargetApp {

    private AttachTargetApp() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        long sum = Worker.work(0); // Worker loaded from the start

        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] command = line.trim().split(" ");
            switch (command[0]) {
                case "run" -> {
                    int n = Integer.parseInt(command[1]);
                    for (int i = 0; i < n; i++) {
                        sum += Worker.work(i);
                    }
                    System.out.println("ran " + n);
                }
                case "props" -> System.out.println("props " + System.getProperties().stringPropertyNames().stream()
                        .filter(p -> p.contains("hotline") || p.contains("bytebuddy")).sorted().collect(Collectors.joining(",")));
                case "quit" -> {
                    System.out.println("bye " + (sum == 42 ? "!" : ""));
                    return;
                }
                default -> System.out.println("unknown " + line);
            }
            System.out.flush();
        }
    }
}
