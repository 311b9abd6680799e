package dev.hotline.core.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Which counted line probes ({@code linehits=}) of one method count in locals rather than in this
 * thread's {@code long[]} hit counters H: the probes in loops. {@link LineHitCounters} adds each local
 * into H once per invocation, before every return and in a catch-all handler that rethrows.
 *
 * <p><b>Only loops.</b> A local pays only where a line is entered many times per invocation. A probe
 * entered at most once per invocation costs one read-modify-write of H either way (when entered, or
 * when added at the exit), and a local would add a zeroing and an add to every invocation, entered or
 * not. A probe is in a loop if it lies between a backward branch (a jump, a switch case, or an
 * exception handler at or before code it covers) and its target: every instruction on a cycle of
 * the control flow does.
 *
 * <p><b>One local per run of probes.</b> A loop's probes share a local where they always run
 * together: a probe joins the run of the probe before it if nothing between the two can jump, throw
 * or be jumped to (only loads, stores and arithmetic that cannot throw), so each time the first
 * probe runs, every other one of the run runs once too. The run's local is incremented at its first
 * probe only, and added at the exits to the hits of each of its lines. This matters because HotSpot's
 * compiled code saves no register across a call: in a loop that calls a method it does not inline,
 * each local lives on the stack and its increment is a read-modify-write of memory like {@code
 * h[k]++}; what saves time is having fewer increments. Which probes get locals changes no count, only
 * what counting costs.
 *
 * <p><b>Bounds.</b> Decided before any code is inserted, on the original code, so the method stays
 * small: at most {@link #MAX_LOCALS_USED} locals, and at most {@link #MAX_ADDS} adds of a local in all
 * copies of the code that adds them (one before each return, one in the handler; about 10 bytes
 * each), the runs in the deepest loops first; the locals stay within the JVM's 65,535. Every other
 * probe counts in H ({@code h[k]++}), as does every probe that runs before a constructor has
 * initialized {@code this}: an exception thrown by its {@code super(...)} call passes through no
 * handler ({@link ConstructorStretches}), so a local there could lose its count. If the method would
 * still pass 64 KB, {@link ClassInstrumenter} instruments it again with no locals ({@link #none}).
 *
 * <p><b>Longs.</b> Two slots each: an {@code int} would overflow after 2^31 hits in one invocation (a
 * few seconds of a tight loop), and guarding it would cost a compare and branch per increment, while
 * a {@code long} costs the same as an {@code int} on a 64-bit JVM ({@code lload; lconst_1; ladd;
 * lstore} compiles to one add, in a register or on the stack) and cannot overflow in practice (2^63
 * hits at one per nanosecond take 292 years).
 */
final class LineCounterLocals {

    /** The most locals one method's counted lines get. */
    static final int MAX_LOCALS_USED = 64;
    /** The most adds of a local into H, in all copies of the code that adds them together. */
    static final int MAX_ADDS = 256;
    /** Locals kept free past the counters for a {@code multianewarray}'s dimensions (at most 255). */
    private static final int TEMPORARIES = 255;
    private static final int MAX_LOCALS = 65_535;

    /**
     * A local counting one run of probes.
     *
     * @param slot    the local: a {@code long}, two slots
     * @param indices the index into H of each probe of the run, in code order (a line may repeat)
     */
    record Counter(int slot, List<Integer> indices) {
    }

    /** What one probe does. */
    enum Action {
        /** {@code h[k]++} */
        ARRAY,
        /** increments its run's local (the run's first probe) */
        LOCAL,
        /** nothing: the first probe of its run counted it */
        NONE
    }

    private final List<Counter> counters;
    private final Map<AbstractInsnNode, Integer> localOfProbe;  // by the probe's instruction
    private final Set<AbstractInsnNode> inRun;

    private LineCounterLocals(List<Counter> counters, Map<AbstractInsnNode, Integer> localOfProbe,
                              Set<AbstractInsnNode> inRun) {
        this.counters = List.copyOf(counters);
        this.localOfProbe = localOfProbe;
        this.inRun = inRun;
    }

    /** Every probe counts in H. */
    static LineCounterLocals none() {
        return new LineCounterLocals(List.of(), Map.of(), Set.of());
    }

    /**
     * Plans the locals of {@code method}'s counted lines, from {@code firstSlot} on.
     *
     * @param allowed false to count every probe in H (the retry for a method that would pass 64 KB)
     */
    static LineCounterLocals plan(MethodNode method, LinePositions positions, int firstSlot, boolean allowed) {
        if (!allowed || positions.probes().isEmpty()) {
            return none();
        }
        InsnList code = method.instructions;
        Set<AbstractInsnNode> uninitialized = "<init>".equals(method.name)
                ? ConstructorStretches.uninitializedCode(method) : Set.of();
        Set<LabelNode> targets = LinePositions.jumpTargets(method);
        int[] depth = loopDepths(method);

        List<List<LinePositions.Probe>> runs = new ArrayList<>();
        LinePositions.Probe previous = null;
        for (LinePositions.Probe probe : positions.probes()) {
            boolean inLoop = depth[code.indexOf(probe.before())] > 0 && !uninitialized.contains(probe.before());
            if (!inLoop) {
                previous = null;
                continue;
            }
            if (previous != null && alwaysFollows(previous.before(), probe.before(), targets)) {
                runs.get(runs.size() - 1).add(probe);
            } else {
                runs.add(new ArrayList<>(List.of(probe)));
            }
            previous = probe;
        }

        int locals = Math.min(MAX_LOCALS_USED, Math.max(0, (MAX_LOCALS - TEMPORARIES - firstSlot) / 2));
        int adds = MAX_ADDS / (returns(method) + 1);
        Comparator<List<LinePositions.Probe>> inCodeOrder = Comparator.comparingInt(run -> code.indexOf(run.get(0).before()));
        List<List<LinePositions.Probe>> chosen = new ArrayList<>();
        for (List<LinePositions.Probe> run : runs.stream()
                .sorted(Comparator.comparingInt((List<LinePositions.Probe> r) -> depth[code.indexOf(r.get(0).before())])
                        .reversed())   // the deepest loops first; stable, so in code order within a depth
                .toList()) {
            if (chosen.size() < locals && run.size() <= adds) {
                chosen.add(run);
                adds -= run.size();
            }
        }
        chosen.sort(inCodeOrder);

        List<Counter> counters = new ArrayList<>();
        Map<AbstractInsnNode, Integer> localOfProbe = new IdentityHashMap<>();
        Set<AbstractInsnNode> inRun = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<LinePositions.Probe> run : chosen) {
            int slot = firstSlot + 2 * counters.size();
            counters.add(new Counter(slot, run.stream().map(LinePositions.Probe::index).toList()));
            localOfProbe.put(run.get(0).before(), slot);
            run.forEach(probe -> inRun.add(probe.before()));
        }
        return new LineCounterLocals(counters, localOfProbe, inRun);
    }

    /** The locals, in code order of their runs. */
    List<Counter> counters() {
        return counters;
    }

    /** How many local slots the counters take (two each). */
    int slots() {
        return 2 * counters.size();
    }

    /** What {@code probe} does. */
    Action actionOf(LinePositions.Probe probe) {
        if (localOfProbe.containsKey(probe.before())) {
            return Action.LOCAL;
        }
        return inRun.contains(probe.before()) ? Action.NONE : Action.ARRAY;
    }

    /** The local a {@link Action#LOCAL} probe increments. */
    int localOf(LinePositions.Probe probe) {
        return localOfProbe.get(probe.before());
    }

    /** For each index into H, the locals to add to it (a local once per probe of its run on that line). */
    Map<Integer, List<Integer>> addsByIndex() {
        Map<Integer, List<Integer>> adds = new LinkedHashMap<>();
        for (Counter counter : counters) {
            for (int index : counter.indices()) {
                adds.computeIfAbsent(index, k -> new ArrayList<>()).add(counter.slot());
            }
        }
        return adds;
    }

    /**
     * Whether every time the code reaches {@code first} it goes on to {@code next} and nothing else
     * reaches {@code next}: between them no jump target and only instructions that neither branch
     * nor throw.
     */
    private static boolean alwaysFollows(AbstractInsnNode first, AbstractInsnNode next, Set<LabelNode> targets) {
        for (AbstractInsnNode insn = first; insn != next; insn = insn.getNext()) {
            if (insn == null || (insn instanceof LabelNode label && targets.contains(label))
                    || (insn.getOpcode() >= 0 && !fallsThroughWithoutThrowing(insn))) {
                return false;
            }
        }
        return true;
    }

    /** Loads and stores of locals and constants, stack shuffles, arithmetic that cannot throw (JVMS 6.5). */
    private static boolean fallsThroughWithoutThrowing(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op == Opcodes.LDC) {
            Object constant = ((LdcInsnNode) insn).cst;
            return constant instanceof Integer || constant instanceof Long || constant instanceof Float
                    || constant instanceof Double;
        }
        if (op == Opcodes.IDIV || op == Opcodes.LDIV || op == Opcodes.IREM || op == Opcodes.LREM) {
            return false; // ArithmeticException
        }
        return (op >= Opcodes.NOP && op <= Opcodes.SIPUSH)        // constants
                || (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD)    // locals (iaload... come after)
                || (op >= Opcodes.ISTORE && op <= Opcodes.ASTORE)
                || (op >= Opcodes.POP && op <= Opcodes.LXOR)       // stack, arithmetic, shifts, logic
                || op == Opcodes.IINC
                || (op >= Opcodes.I2L && op <= Opcodes.DCMPG);     // conversions, comparisons
    }

    /** How many backward-branch ranges hold each instruction (by its index): 0 outside every loop. */
    private static int[] loopDepths(MethodNode method) {
        InsnList code = method.instructions;
        int[] change = new int[code.size() + 1];
        for (AbstractInsnNode insn : code) {
            int from = code.indexOf(insn);
            for (LabelNode target : targets(insn)) {
                int to = code.indexOf(target);
                if (to <= from) {
                    change[to]++;
                    change[from + 1]--;
                }
            }
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            int handler = code.indexOf(block.handler);
            int end = code.indexOf(block.end);
            if (handler < end) { // the handler is at or before code it covers
                change[handler]++;
                change[end + 1]--;
            }
        }
        int[] depth = new int[code.size()];
        int running = 0;
        for (int i = 0; i < depth.length; i++) {
            running += change[i];
            depth[i] = running;
        }
        return depth;
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode jump) {
            return List.of(jump.label); // jsr too: its subroutine may run again
        } else if (insn instanceof TableSwitchInsnNode table) {
            List<LabelNode> all = new ArrayList<>(table.labels);
            all.add(table.dflt);
            return all;
        } else if (insn instanceof LookupSwitchInsnNode lookup) {
            List<LabelNode> all = new ArrayList<>(lookup.labels);
            all.add(lookup.dflt);
            return all;
        }
        return List.of();
    }

    private static int returns(MethodNode method) {
        int returns = 0;
        for (AbstractInsnNode insn : method.instructions) {
            int opcode = insn.getOpcode();
            returns += opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN ? 1 : 0;
        }
        return returns;
    }
}
