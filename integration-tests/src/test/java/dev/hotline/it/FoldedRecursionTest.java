package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A child JVM whose mutual recursion, 3,000 deep on two threads, would make about a million
 * distinct call paths: with recursion folded and a small node limit, its dump's tree stays tiny,
 * its counts are exact, and the tools show what was folded and capped (calltree=4/20).
 */
class FoldedRecursionTest {

    private static final String APP = "dev.hotline.it.targets.DeepRecursionApp";

    static Stream<Jdks.Jdk> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void deep_mutual_recursion_folds_into_a_bounded_tree_with_every_call_counted(Jdks.Jdk jdk) throws Exception {
        Path dump = ChildJvm.dumpPath("recursion");
        // -Xss: 3,000 frames of three instrumented methods need more than the default stack
        ChildJvm.Result result = ChildJvm.run(ChildJvm.java(jdk,
                "includes=dev.hotline.it.targets.DeepRecursionApp,calltree=4/20,out=" + dump,
                "-Xss16m", "-cp", ChildJvm.TARGETS.toAbsolutePath().toString(), APP), 180);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(ChildJvm.withoutJvmCdsWarning(result.stderrLines())).as("stderr").isEmpty();
        Matcher own = Pattern.compile("a=(\\d+) b=(\\d+) c=(\\d+)").matcher(result.stdout());
        assertThat(own.find()).as(result.stdout()).isTrue();
        Profile profile = Dumps.read(dump);
        assertThat(Dumps.calls(profile, APP, "a")).isEqualTo(Long.parseLong(own.group(1)));
        assertThat(Dumps.calls(profile, APP, "b")).isEqualTo(Long.parseLong(own.group(2)));
        assertThat(Dumps.calls(profile, APP, "c")).isEqualTo(Long.parseLong(own.group(3)));
        long stepCalls = Dumps.calls(profile, APP, "step");
        assertThat(stepCalls).isEqualTo(Long.parseLong(own.group(1)) + Long.parseLong(own.group(2))
                + Long.parseLong(own.group(3)));
        // main makes 2 nodes (main, <init>); each thread may make 4 of the 6 its paths need (lambda,
        // step, next, a, b, c), so both go past their limit into (other paths). (Not a total limit:
        // a thread that ended gives its nodes back, and the other could then make more.)
        List<CallTreeNode> nodes = profile.callTree().descendants();
        assertThat(nodes.stream().filter(n -> !n.isOtherPaths()).count()).isLessThanOrEqualTo(2 + 4 + 4);
        assertThat(nodes).anySatisfy(n -> assertThat(n.isOtherPaths()).isTrue());
        assertThat(nodes).anySatisfy(n -> assertThat(n.foldedCalls()).isPositive());
        assertThat(profile.facts().count(SessionKeys.FOLDED_CALLS)).isPositive();
        assertThat(profile.facts().count(SessionKeys.OTHER_PATH_CALLS)).isPositive();
        assertThat(profile.facts().count(SessionKeys.CALL_TREE_NODES)).isLessThanOrEqualTo(2 + 4 + 4);
        // edges stay exact: every call of a, b and c comes from step, and step's from a, b, c or a thread's loop
        long fromStep = profile.edges().stream().filter(e -> e.caller().name().equals("step"))
                .filter(e -> e.callee().name().length() == 1) // a, b, c (step also calls next)
                .mapToLong(dev.hotline.core.profile.CallEdge::calls).sum();
        long intoStep = profile.edges().stream().filter(e -> e.callee().name().equals("step"))
                .mapToLong(dev.hotline.core.profile.CallEdge::calls).sum();
        assertThat(fromStep).isEqualTo(stepCalls);
        assertThat(intoStep).isEqualTo(stepCalls); // 400 from the threads' loops (lambda$main$0), the rest recursive

        ChildJvm.Result info = ChildJvm.run(List.of(jdk.java().toString(), "-jar",
                ChildJvm.AGENT_JAR.toAbsolutePath().toString(), "info", dump.toString()), 120);
        assertThat(info.stdout()).containsPattern("call tree +\\d+ nodes, [1-9]\\d* recursive calls folded");
        ChildJvm.Result folded = ChildJvm.run(List.of(jdk.java().toString(), "-jar",
                ChildJvm.AGENT_JAR.toAbsolutePath().toString(), "report", dump.toString(), "--format", "collapsed"), 120);
        assertThat(folded.exitCode()).as(folded.stderr()).isZero();
        assertThat(folded.stdout()).contains("_[folded]", "(other_paths)");
        assertThat(folded.stdout().lines().count()).isLessThan(20);
    }
}
