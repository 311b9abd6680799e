package dev.hotline.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.targets.RecursiveDescent;
import dev.hotline.core.probe.ProbeCatalog;
import dev.hotline.core.profile.CallEdge;
import dev.hotline.core.profile.CallTreeNode;
import dev.hotline.core.profile.MethodProfile;
import dev.hotline.core.profile.Profile;
import dev.hotline.core.profile.SessionKeys;
import dev.hotline.runtime.CallTreeLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A recursive-descent evaluator ({@link RecursiveDescent}: 6,521 distinct call paths) run
 * instrumented: recursion is folded, so its call tree stays as small as its call graph, and past a
 * node limit calls go to "(other paths)"; per-method counts, times and edges stay exact either way.
 */
class FoldedCallTreeTest {

    private static final String TARGETS = "dev.hotline.core.instrument.targets.";

    @AfterEach
    void defaultLimits() {
        CallTreeLimits.set(CallTreeLimits.DEFAULT_PER_THREAD, CallTreeLimits.DEFAULT_TOTAL);
    }

    private static int distinctPaths;

    private static Profile run() throws Exception {
        ProbeCatalog catalog = new ProbeCatalog();
        InstrumentingClassLoader loader = new InstrumentingClassLoader(catalog, TARGETS);
        Profile profile = TargetRunner.run(loader, RecursiveDescent.class.getName(), catalog);
        distinctPaths = loader.loadClass(RecursiveDescent.class.getName()).getField("distinctPaths").getInt(null);
        return profile;
    }

    /** The time of the calls made from uninstrumented code: the whole run, as the probes saw it. */
    private static long outermostTotal(Profile profile) {
        return profile.callTree().children().stream().mapToLong(CallTreeNode::totalNanos).sum();
    }

    @Test
    void recursion_is_folded_so_no_method_appears_twice_on_a_path_and_the_tree_stays_small() throws Exception {
        Profile profile = run();

        assertThat(distinctPaths).isEqualTo(6521); // what an unfolded tree would hold
        List<List<String>> paths = paths(profile.callTree());
        assertThat(paths).allSatisfy(path -> assertThat(new HashSet<>(path)).hasSameSizeAs(path));
        assertThat(paths.size()).isLessThan(40);
        long folded = Long.parseLong(profile.session().get(SessionKeys.FOLDED_CALLS));
        // expr from factor (8,942), factor from factor (unary minus): all recursive
        assertThat(folded).isGreaterThan(8942);
        assertThat(profile.callTree().descendants().stream().mapToLong(CallTreeNode::foldedCalls).sum()).isEqualTo(folded);
        assertThat(profile.session()).containsEntry(SessionKeys.OTHER_PATH_CALLS, "0");
    }

    @Test
    void folded_calls_keep_every_edge_exact() throws Exception {
        Map<String, Long> edges = edgeCalls(run());

        assertThat(edges).containsEntry("run>evaluate", 2000L).containsEntry("run>generate", 2000L)
                .containsEntry("generate>generate", 21196L).containsEntry("evaluate>expr", 2000L)
                .containsEntry("expr>term", 12102L);
        // expr is called by evaluate and by factor; factor by term and by itself (unary minus)
        assertThat(edges.get("evaluate>expr") + edges.get("factor>expr")).isEqualTo(10942);
        assertThat(edges.get("term>factor") + edges.get("factor>factor")).isEqualTo(20903);
        assertThat(edges.get("factor>number")).isEqualTo(4293);
    }

    @Test
    void self_times_add_up_to_the_outermost_call_and_recursion_is_not_counted_twice_in_totals() throws Exception {
        Profile profile = run();

        long selfSum = profile.methods().stream().mapToLong(MethodProfile::selfNanos).sum();
        // every call is timed (no calibration here): the figures are exact sums of the measured times
        assertThat(selfSum).isEqualTo(outermostTotal(profile));
        assertThat(method(profile, "expr").totalNanos()).isLessThanOrEqualTo(method(profile, "evaluate").totalNanos());
        assertThat(method(profile, "factor").totalNanos()).isLessThanOrEqualTo(method(profile, "term").totalNanos());
        assertThat(profile.callTree().widthNanos()).isEqualTo(selfSum); // the flame graph is the whole run
    }

    @Test
    void past_the_node_limit_calls_go_to_other_paths_and_counts_edges_and_times_are_unchanged() throws Exception {
        Profile unlimited = run();
        CallTreeLimits.set(6, 1_000_000);
        Profile capped = run();

        assertThat(capped.callTree().descendants().stream().filter(n -> !n.isOtherPaths()).count()).isLessThanOrEqualTo(6);
        assertThat(capped.callTree().descendants()).anySatisfy(n -> assertThat(n.isOtherPaths()).isTrue());
        assertThat(Long.parseLong(capped.session().get(SessionKeys.OTHER_PATH_CALLS))).isPositive();
        assertThat(calls(capped)).isEqualTo(calls(unlimited));
        assertThat(edgeCalls(capped)).isEqualTo(edgeCalls(unlimited));
        long selfSum = capped.methods().stream().mapToLong(MethodProfile::selfNanos).sum();
        assertThat(selfSum).isEqualTo(outermostTotal(capped));
        assertThat(capped.callTree().widthNanos()).isEqualTo(selfSum);
    }

    private static MethodProfile method(Profile profile, String name) {
        return profile.methods().stream().filter(m -> m.method().name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Long> calls(Profile profile) {
        return profile.methods().stream()
                .collect(Collectors.toMap(m -> m.method().name(), MethodProfile::calls, Long::sum, TreeMap::new));
    }

    private static Map<String, Long> edgeCalls(Profile profile) {
        Map<String, Long> edges = new TreeMap<>();
        for (CallEdge e : profile.edges()) {
            edges.merge(e.caller().name() + ">" + e.callee().name(), e.calls(), Long::sum);
        }
        return edges;
    }

    private static List<List<String>> paths(CallTreeNode root) {
        List<List<String>> out = new java.util.ArrayList<>();
        collect(root, new java.util.ArrayList<>(), out);
        return out;
    }

    private static void collect(CallTreeNode node, List<String> path, List<List<String>> out) {
        for (CallTreeNode child : node.children()) {
            List<String> longer = new java.util.ArrayList<>(path);
            longer.add(child.method().key());
            out.add(longer);
            collect(child, longer, out);
        }
    }
}
