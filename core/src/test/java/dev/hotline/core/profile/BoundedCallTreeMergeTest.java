package dev.hotline.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.probe.MethodRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retired threads' tree is bounded like the live ones: merged past its node limit, new paths
 * go into their parent's "(other paths)" with their calls and time, their edges stay exact as
 * off-tree edges, and nothing already in the tree changes.
 */
class BoundedCallTreeMergeTest {

    private static MethodRef m(String name) {
        return new MethodRef("com.acme.App", name, "()V");
    }

    /** One thread's tree: main -> worker{i} -> leaf{i}, with 10 calls of worker and 20 of leaf. */
    private static CallTreeNode thread(int i) {
        CallTreeNode root = CallTreeNode.root();
        CallTreeNode main = root.child(m("main"));
        main.add(1, 1_000, 100);
        CallTreeNode worker = main.child(m("worker" + i));
        worker.add(10, 900, 500);
        worker.child(m("leaf" + i)).add(20, 400, 400);
        return root;
    }

    /** Nodes of a method, "(other paths)" ones left out. */
    private static long nodes(CallTreeNode root) {
        return root.descendants().stream().filter(n -> !n.isOtherPaths()).count();
    }

    @Test
    void past_the_limit_new_paths_go_to_other_paths_with_their_calls_time_and_exact_edges() {
        CallTreeNode unbounded = CallTreeNode.root();
        CallTreeNode bounded = CallTreeNode.root();
        long nodes = 0;
        long[] redirected = {0};
        for (int i = 0; i < 50; i++) { // 50 threads, each with two paths of its own: 101 nodes unbounded
            unbounded.merge(thread(i));
            nodes = bounded.mergeBounded(thread(i), nodes, 7, redirected);
        }

        assertThat(nodes(unbounded)).isEqualTo(101);
        assertThat(nodes).isEqualTo(7).isEqualTo(nodes(bounded));
        CallTreeNode main = bounded.children().iterator().next();
        assertThat(main.calls()).as("a node already there keeps adding up").isEqualTo(50);
        CallTreeNode other = main.children().stream().filter(CallTreeNode::isOtherPaths).findFirst().orElseThrow();
        // main, worker0-2 with leaf0-2 fit (7 nodes); workers 3..49 went to main's (other paths)
        assertThat(other.calls()).isEqualTo(47 * 10);
        assertThat(other.totalNanos()).isEqualTo(47 * 900);
        assertThat(redirected[0]).isEqualTo(47 * 10);
        assertThat(CallEdge.from(bounded)).as("every caller-to-callee edge as without a limit")
                .containsExactlyInAnyOrderElementsOf(CallEdge.from(unbounded));
        assertThat(bounded.widthNanos()).isEqualTo(unbounded.widthNanos());
    }

    @Test
    void a_redirected_subtree_with_folded_calls_and_its_own_other_paths_keeps_every_edge_and_the_width() {
        CallTreeNode part = CallTreeNode.root();
        CallTreeNode main = part.child(m("main"));
        main.add(1, 1_000, 100);
        CallTreeNode parse = main.child(m("parse"));
        parse.add(4, 800, 300);
        parse.addFolded(40); // recursion folded into it; its edges are off the tree already
        part.addOffTreeEdge(m("parse"), m("parse"), 40, 0);
        parse.child(m("lex")).add(9, 200, 200);
        parse.otherPaths().add(3, 300, 300); // this thread's own overflow
        part.addOffTreeEdge(m("parse"), m("emit"), 3, 300);
        CallTreeNode unbounded = CallTreeNode.root();
        unbounded.merge(part);
        CallTreeNode bounded = CallTreeNode.root();
        long[] redirected = {0};

        long nodes = bounded.mergeBounded(part, 0, 1, redirected); // room for main only

        assertThat(nodes).isEqualTo(1);
        assertThat(redirected[0]).isEqualTo(4);
        assertThat(CallEdge.from(bounded)).containsExactlyInAnyOrderElementsOf(CallEdge.from(unbounded));
        assertThat(bounded.widthNanos()).isEqualTo(unbounded.widthNanos());
    }

    @Test
    void a_path_already_in_the_tree_is_merged_into_whatever_the_limit() {
        CallTreeNode bounded = CallTreeNode.root();
        long[] redirected = {0};
        long nodes = bounded.mergeBounded(thread(1), 0, 3, redirected);
        nodes = bounded.mergeBounded(thread(1), nodes, 3, redirected);

        assertThat(nodes).isEqualTo(3);
        assertThat(redirected[0]).isZero();
        CallTreeNode leaf = bounded.children().iterator().next().children().iterator().next().children().iterator().next();
        assertThat(leaf.calls()).isEqualTo(40);
        assertThat(List.copyOf(bounded.offTreeEdges().keySet())).isEmpty();
    }
}
