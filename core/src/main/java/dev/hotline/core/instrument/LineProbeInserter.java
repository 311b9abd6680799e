package dev.hotline.core.instrument;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Puts a line probe at each of a method's {@link LinePositions}. Every probe counts its line's hit
 * inline, with no call and no clock read: a probe in a loop increments a local C ({@link
 * LineCounterLocals}: one per run of probes that always run together, so only the run's first probe
 * has this code), any other probe this thread's hit counters of the method in local H ({@link
 * LineHitCounters} sets up both and adds each C into H once per call):
 *
 * <pre>
 *   lload C; lconst_1; ladd; lstore C                            // a run of probes in a loop: C++
 *   aload H; ldc K; dup2; laload; lconst_1; ladd; lastore        // any other: hits of line probe FIRST + K
 * </pre>
 *
 * <p>That is all for lines counted only ({@code linehits=}). A timed line's probe goes on to call the
 * runtime, every probe of a run included:
 *
 * <pre>
 *   aload R; iload T; ldc METHOD; ldc LINE; invokestatic Probes.line(ThreadRecorder, I, I, I)V
 * </pre>
 *
 * <p>{@code Probes.line} is small enough for C2 to inline, and goes no further than comparing T, what
 * the timer's enter returned, with {@code SLOW_EXIT}: in an untimed invocation along the tree's edge
 * (nearly all invocations of a sampled method) a timed line costs its increment and a branch not
 * taken, about what a counted line costs, and only a timed invocation's lines read the clock. The
 * count comes first and apart from the call so that no hit depends on the timing: the hits are
 * exact whichever invocations are timed.
 *
 * <p>The probe goes right before the position's instruction, after its label and stack map frame,
 * so jumps to the label run it and the frame still describes the label's offset. It leaves the
 * stack as it found it and changes no local but its own counter. A method's line probes get
 * consecutive ids. They are the only probes that go between a label and the instruction after it,
 * so this inserter puts back the labels that {@code uninitialized} frame types need on their {@code
 * new} ({@link UninitializedLabels}). {@link MethodProbePlan} runs it first, on the original code.
 */
final class LineProbeInserter implements ProbeInserter {

    /** Operand stack a timed line probe needs above what the code had there: recorder, method id, line id. */
    private static final int EXTRA_STACK = 4;
    /** Operand stack a counted line needs: array, index, array, index, then array, index, long, long. */
    private static final int COUNTED_EXTRA_STACK = 6;

    /** Registers a method's line probes: source line numbers in order → the first id. */
    interface LineRegistry {
        int register(List<Integer> lines);
    }

    private final MethodNode method;
    private final LinePositions positions;
    /** The method probe id of a timed method's lines; -1: counted only. */
    private final int methodProbeId;
    private final int recorderLocal;
    private final int hitsLocal;
    private final LineCounterLocals counters;
    private final LineRegistry registry;
    private int firstId = -1;

    private LineProbeInserter(MethodNode method, LinePositions positions, int methodProbeId, int recorderLocal,
                              int hitsLocal, LineCounterLocals counters, LineRegistry registry) {
        this.method = method;
        this.positions = positions;
        this.methodProbeId = methodProbeId;
        this.recorderLocal = recorderLocal;
        this.hitsLocal = hitsLocal;
        this.counters = counters;
        this.registry = registry;
    }

    /**
     * Timed line probes: each counted as {@link #counted} counts, then passed to the runtime with
     * the recorder in {@code recorderLocal} and T after it, to be timed if the invocation is.
     */
    static LineProbeInserter timed(MethodNode method, LinePositions positions, int methodProbeId, int recorderLocal,
                                   int hitsLocal, LineCounterLocals counters, LineRegistry registry) {
        return new LineProbeInserter(method, positions, methodProbeId, recorderLocal, hitsLocal, counters, registry);
    }

    /** Counted line probes: into the locals {@code counters} gives them, else into the array in {@code hitsLocal}. */
    static LineProbeInserter counted(MethodNode method, LinePositions positions, int hitsLocal,
                                     LineCounterLocals counters, LineRegistry registry) {
        return new LineProbeInserter(method, positions, -1, -1, hitsLocal, counters, registry);
    }

    @Override
    public Needs insert() {
        if (positions.probes().isEmpty()) {
            return Needs.NONE;
        }
        UninitializedLabels news = UninitializedLabels.of(method);
        firstId = registry.register(positions.lines());
        boolean timed = methodProbeId >= 0;
        for (LinePositions.Probe probe : positions.probes()) {
            InsnList code = new InsnList();
            switch (counters.actionOf(probe)) {
                case ARRAY -> code.add(increment(probe.index()));
                case LOCAL -> code.add(localIncrement(counters.localOf(probe)));
                case NONE -> { } // counted by the first probe of its run
            }
            if (timed) {
                code.add(probeCall(firstId + probe.index()));
            }
            if (code.size() > 0) {
                method.instructions.insertBefore(probe.before(), code);
            }
        }
        news.restore();
        // the count and the call run one after the other, each leaving the stack as it found it
        return new Needs(Math.max(COUNTED_EXTRA_STACK, timed ? EXTRA_STACK : 0), 0, 0);
    }

    /** The id of the method's first line probe (-1 if it got none); the others follow it. */
    int firstId() {
        return firstId;
    }

    /** How many distinct lines got probes (the length of a counted method's hit counters). */
    int distinctLines() {
        return positions.lines().size();
    }

    private InsnList increment(int index) {
        InsnList inc = new InsnList();
        inc.add(new VarInsnNode(Opcodes.ALOAD, hitsLocal)); // h
        inc.add(RuntimeCall.push(index));                 // h, k
        inc.add(new InsnNode(Opcodes.DUP2));              // h, k, h, k
        inc.add(new InsnNode(Opcodes.LALOAD));            // h, k, h[k]
        inc.add(new InsnNode(Opcodes.LCONST_1));          // h, k, h[k], 1
        inc.add(new InsnNode(Opcodes.LADD));              // h, k, h[k] + 1
        inc.add(new InsnNode(Opcodes.LASTORE));           // (empty)
        return inc;
    }

    private static InsnList localIncrement(int counter) {
        InsnList inc = new InsnList();
        inc.add(new VarInsnNode(Opcodes.LLOAD, counter)); // c
        inc.add(new InsnNode(Opcodes.LCONST_1));          // c, 1
        inc.add(new InsnNode(Opcodes.LADD));              // c + 1
        inc.add(new VarInsnNode(Opcodes.LSTORE, counter)); // (empty)
        return inc;
    }

    private InsnList probeCall(int lineProbe) {
        InsnList call = new InsnList();
        call.add(new VarInsnNode(Opcodes.ALOAD, recorderLocal));     // recorder
        call.add(new VarInsnNode(Opcodes.ILOAD, recorderLocal + 1)); // recorder, caller (T)
        call.add(RuntimeCall.push(methodProbeId));        // recorder, caller, method
        call.add(RuntimeCall.push(lineProbe));            // recorder, caller, method, line
        call.add(RuntimeCall.LINE.invoke());              // (empty)
        return call;
    }
}
