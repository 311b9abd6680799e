package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.dump.DumpWriter;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recursive program's call tree is as deep as its recursion: the commands that walk the tree
 * (JSON, HTML, merge) handle 30,000 levels, where a walk on the default stack of the main thread
 * ended in a StackOverflowError and a stack trace.
 */
class DeepCallTreeTest {

    private static final int DEPTH = 30_000;

    @TempDir
    Path dir;

    @Test
    void a_call_tree_of_thirty_thousand_levels_is_reported_and_merged() throws Exception {
        Path dump = dir.resolve("deep.hotline");
        writeOnLargeStack(deepRecursion(), dump);

        for (String[] command : List.of(
                new String[] {"report", dump.toString(), "--format", "json"},
                new String[] {"report", dump.toString(), "--format", "html", "-o", dir.resolve("deep.html").toString()},
                new String[] {"merge", dump.toString(), dump.toString(), "-o", dir.resolve("merged.hotline").toString()})) {
            StringWriter err = new StringWriter();
            int exit = HotlineCli.run(command, new PrintWriter(new StringWriter()), new PrintWriter(err));

            assertThat(exit).as(String.join(" ", command) + ": " + err).isZero();
        }
    }

    private static Profile deepRecursion() {
        MethodRef go = new MethodRef("com.acme.Recursion", "go", "(I)V");
        MethodProfile method = new MethodProfile(go);
        method.histogram().recordValue(10);
        method.add(DEPTH, 0, 10L * DEPTH, 10L * DEPTH, 10, 10);
        Map<MethodRef, MethodProfile> methods = new LinkedHashMap<>();
        methods.put(go, method);
        CallTreeNode root = CallTreeNode.root();
        CallTreeNode node = root;
        for (int i = 0; i < DEPTH; i++) {
            node = node.child(go);
            node.add(1, 10L * (DEPTH - i), 10);
        }
        return new Profile(Map.of("pid", "1"), methods, root, Map.of(), Map.of(), List.of());
    }

    /** DumpWriter walks the tree recursively too, so the dump is written on a large stack. */
    private static void writeOnLargeStack(Profile profile, Path dump) throws Exception {
        Exception[] failure = {null};
        Thread writer = new Thread(null, () -> {
            try (OutputStream out = Files.newOutputStream(dump)) {
                DumpWriter.write(profile, out);
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "writer", 1L << 30);
        writer.start();
        writer.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
