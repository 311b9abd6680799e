package dev.hotline.agent;

import dev.hotline.cli.HotlineCli;
import java.io.PrintWriter;

/** The {@code Main-Class}: {@code java -jar hotline-agent.jar COMMAND ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(HotlineCli.run(args, out, err));
    }
}
