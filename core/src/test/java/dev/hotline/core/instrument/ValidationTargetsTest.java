package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.targets.CallCounts;
import dev.hotline.core.instrument.targets.Constructors;
import dev.hotline.core.instrument.targets.Exceptions;
import dev.hotline.core.instrument.targets.Lambdas;
import dev.hotline.core.instrument.targets.RecursiveDescent;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.runtime.Recorders;
import dev.hotline.runtime.ThreadRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Runs each validation target instrumented, in a thread of its own, and checks the counts written
 * beside the lines they describe: {@code // calls: N} (optionally {@code , thrown: M}) on a method's
 * declaring line, {@code // lambda: N} on the line of a lambda.
 */
class ValidationTargetsTest {

    private static final Pattern EXPECTATION = Pattern.compile("//\\s*(calls|lambda):\\s*(\\d+)(?:,\\s*thrown:\\s*(\\d+))?");
    private static final String TARGETS = "dev.hotline.core.instrument.targets.";

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {CallCounts.class, Exceptions.class, Constructors.class, Lambdas.class, RecursiveDescent.class})
    void counts_match_the_expectations_written_beside_the_code(Class<?> target) throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS);
        Profile profile = TargetRunner.run(loader, target.getName(), catalog);

        List<Expectation> expectations = expectations(target);
        assertThat(expectations).isNotEmpty();
        for (Expectation e : expectations) {
            MethodRef method = methodAt(loader, e);
            MethodProfile p = profile.method(method);
            long calls = p == null ? 0 : p.calls();
            long thrown = p == null ? 0 : p.exceptions();
            assertThat(calls).as("calls of %s (line %d)", method.displayName(), e.line).isEqualTo(e.calls);
            if (e.thrown >= 0) {
                assertThat(thrown).as("thrown by %s (line %d)", method.displayName(), e.line).isEqualTo(e.thrown);
            }
        }
        verifyAll(loader);
    }

    /** Every class the loader instrumented passes ASM's verifier (CheckClassAdapter with SimpleVerifier). */
    static void verifyAll(InstrumentingClassLoader loader) {
        for (Map.Entry<String, byte[]> entry : loader.instrumented().entrySet()) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(entry.getValue()), loader, false, new PrintWriter(problems));
            assertThat(problems.toString()).as("verifier output for %s", entry.getKey()).isEmpty();
        }
    }

    private record Expectation(int line, boolean lambda, long calls, long thrown) {
    }

    private static List<Expectation> expectations(Class<?> target) throws IOException {
        Path source = Paths.get("src/test/java", target.getName().replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(source);
        List<Expectation> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECTATION.matcher(lines.get(i));
            if (m.find()) {
                out.add(new Expectation(i + 1, m.group(1).equals("lambda"), Long.parseLong(m.group(2)),
                        m.group(3) == null ? -1 : Long.parseLong(m.group(3))));
            }
        }
        return out;
    }

    /**
     * The method an expectation describes: for a declaring line L, the method whose first line of
     * code is the nearest at or after L (at most 3 lines on); for a lambda, the synthetic lambda
     * method whose code starts on L.
     */
    private static MethodRef methodAt(InstrumentingClassLoader loader, Expectation e) {
        MethodRef best = null;
        int bestLine = Integer.MAX_VALUE;
        for (Map.Entry<String, byte[]> entry : loader.originals().entrySet()) {
            ClassNode node = new ClassNode();
            new ClassReader(entry.getValue()).accept(node, 0);
            for (MethodNode method : node.methods) {
                int first = firstLine(method);
                boolean isLambda = method.name.startsWith("lambda$");
                if (first < 0 || isLambda != e.lambda) {
                    continue;
                }
                boolean fits = e.lambda ? first == e.line : first >= e.line && first <= e.line + 3;
                if (fits && first < bestLine) {
                    best = new MethodRef(entry.getKey(), method.name, method.desc);
                    bestLine = first;
                }
            }
        }
        assertThat(best).as("a method declared at line %d", e.line).isNotNull();
        return best;
    }

    private static int firstLine(MethodNode method) {
        int first = -1;
        for (var insn : method.instructions) {
            if (insn instanceof LineNumberNode line && (first < 0 || line.line < first)) {
                first = line.line;
            }
        }
        return first;
    }
}
