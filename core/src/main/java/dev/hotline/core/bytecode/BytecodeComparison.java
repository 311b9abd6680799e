package dev.hotline.core.bytecode;

import dev.hotline.core.instrument.ClassInstrumenter;
import dev.hotline.core.instrument.RuntimeCall;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Runs exactly the agent's transformation ({@link ClassInstrumenter}) on one class and lays the
 * original and the instrumented code of each method side by side, naming every probe.
 */
public final class BytecodeComparison {

    private final InliningLimits limits;

    public BytecodeComparison(InliningLimits limits) {
        this.limits = limits;
    }

    /** Listings of every method with code, in declaration order, with the probes the agent's options select. */
    public List<MethodListing> compare(byte[] original, ProbeSelection probes) {
        ProbeCatalog catalog = new ProbeCatalog();
        Map<String, MethodNode> instrumentedCode = new LinkedHashMap<>();
        Map<String, Set<AbstractInsnNode>> originalNodes = new HashMap<>();
        ClassInstrumenter.Result result = new ClassInstrumenter(catalog, probes).instrument(original,
                (method, code, originalInsns) -> {
                    instrumentedCode.put(method.name() + method.descriptor(), code);
                    originalNodes.put(method.name() + method.descriptor(), originalInsns);
                });
        Map<String, CodeAttributes.Code> before = CodeAttributes.of(original);
        Map<String, CodeAttributes.Code> after = CodeAttributes.of(result.bytes());

        ClassNode classNode = new ClassNode();
        new ClassReader(original).accept(classNode, ClassReader.SKIP_FRAMES);
        String className = classNode.name.replace('/', '.');
        List<MethodListing> listings = new ArrayList<>();
        for (MethodNode declared : classNode.methods) {
            String key = declared.name + declared.desc;
            if (!before.containsKey(key)) {
                continue; // abstract or native
            }
            MethodRef ref = new MethodRef(className, declared.name, declared.desc);
            boolean tooLarge = result.tooLarge().contains(key);
            MethodNode code = instrumentedCode.get(key);
            if (code == null || tooLarge) {
                listings.add(untouched(ref, declared, before.get(key), tooLarge));
            } else {
                listings.add(listing(ref, code, originalNodes.get(key), before.get(key), after.get(key), catalog));
            }
        }
        return listings;
    }

    private MethodListing untouched(MethodRef ref, MethodNode declared, CodeAttributes.Code before, boolean tooLarge) {
        List<MethodListing.Row> rows = rows(declared, null, null);
        List<String> warnings = new ArrayList<>();
        if (tooLarge) {
            warnings.add("with probes its code would exceed the JVM's " + InliningLimits.MAX_CODE_LENGTH
                    + "-byte limit: the agent leaves this method untouched");
        }
        String why = (declared.access & Opcodes.ACC_BRIDGE) != 0 ? "bridge method: not timed" : tooLarge ? "left untouched" : "not instrumented";
        return new MethodListing(ref, before, null, rows, List.of(why), warnings);
    }

    private MethodListing listing(MethodRef ref, MethodNode code, Set<AbstractInsnNode> original,
                                  CodeAttributes.Code before, CodeAttributes.Code after, ProbeCatalog catalog) {
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        notes.add("inlining: " + inlining(before.length()) + " -> " + inlining(after.length()));
        crossed(before.length(), after.length(), limits.maxInlineSize(), "MaxInlineSize",
                "HotSpot no longer inlines it at call sites that are not hot", warnings);
        crossed(before.length(), after.length(), limits.freqInlineSize(), "FreqInlineSize",
                "HotSpot no longer inlines it even where it is hot", warnings);
        crossed(before.length(), after.length(), limits.hugeMethodLimit(), "HugeMethodLimit",
                "the JIT no longer compiles it (DontCompileHugeMethods)", warnings);
        return new MethodListing(ref, before, after, rows(code, original, catalog), notes, warnings);
    }

    private static void crossed(int before, int after, int limit, String flag, String consequence, List<String> warnings) {
        if (before <= limit && after > limit) {
            warnings.add("grows past " + flag + " (" + limit + " bytes): " + consequence);
        }
    }

    private String inlining(int length) {
        if (length <= limits.maxInlineSize()) {
            return length + " bytes, inlined wherever called";
        } else if (length <= limits.freqInlineSize()) {
            return length + " bytes, inlined where hot";
        } else if (length <= limits.hugeMethodLimit()) {
            return length + " bytes, too big to inline";
        }
        return length + " bytes, not JIT-compiled";
    }

    /** @param original null when nothing was inserted (all rows are original) */
    private static List<MethodListing.Row> rows(MethodNode code, Set<AbstractInsnNode> original, ProbeCatalog catalog) {
        Map<LabelNode, String> labels = new HashMap<>();
        for (AbstractInsnNode insn : code.instructions) {
            if (insn instanceof LabelNode label) {
                labels.put(label, "L" + labels.size());
            }
        }
        List<MethodListing.Row> rows = new ArrayList<>();
        int line = 0;
        for (AbstractInsnNode insn : code.instructions) {
            boolean inserted = original != null && !original.contains(insn);
            if (insn instanceof LineNumberNode entry) {
                line = entry.line;
            } else if (insn instanceof LabelNode label) {
                rows.add(new MethodListing.Row(line, labels.get(label) + ":", inserted, null));
            } else if (insn.getOpcode() >= 0) {
                String probe = inserted ? probeName(insn, catalog, line) : null;
                rows.add(new MethodListing.Row(line, InstructionText.of(insn, labels), inserted, probe));
            }
        }
        return rows;
    }

    /** For an inserted call into the runtime or a counted line's increment, which probe it is. */
    private static String probeName(AbstractInsnNode insn, ProbeCatalog catalog, int line) {
        if (insn.getOpcode() == Opcodes.LASTORE || insn.getOpcode() == Opcodes.LSTORE) {
            // h[k]++ and c++ end in lconst_1; ladd; the add of a local c into h[k] in lload c; ladd
            AbstractInsnNode addend = insn.getPrevious() == null ? null : insn.getPrevious().getPrevious();
            boolean increment = addend != null && addend.getOpcode() == Opcodes.LCONST_1;
            if (insn.getOpcode() == Opcodes.LSTORE) {
                return increment ? "line hit count: line " + line + " and the lines always run with it (in a local, added"
                        + " to this thread's counters when the call ends)" : null;
            }
            return increment ? "line hit count: line " + line + " (inline increment: no call, no clock)"
                    : "line hit counts: adds the loop's locals to this thread's counters";
        }
        RuntimeCall call = RuntimeCall.of(insn);
        if (call == null) {
            return null;
        }
        return switch (call) {
            case RECORDER_FETCH -> "method timer: this thread's recorder";
            case ENTER -> "method timer: enter (returns the caller's call-tree node, kept for the exit)";
            case EXIT -> "method timer: exit";
            case EXIT_THROWN -> "method timer: exit by exception (catch-all handler, rethrows)";
            case LINE -> "line probe: line " + catalog.line(argumentAfterRecorder(insn, 3)).line();
            case LINE_HITS -> "line hit counters: this thread's, fetched once per call";
            case ALLOCATION, ARRAY_ALLOCATION, MULTI_ARRAY_ALLOCATION ->
                    "allocation site: " + catalog.allocation(argumentAfterRecorder(insn, 1)).type();
        };
    }

    /** The int pushed {@code n} instructions after the {@code aload} of the recorder before {@code call}. */
    private static int argumentAfterRecorder(AbstractInsnNode call, int n) {
        AbstractInsnNode insn = call.getPrevious();
        while (insn != null && !(insn instanceof VarInsnNode v && v.getOpcode() == Opcodes.ALOAD)) {
            insn = insn.getPrevious();
        }
        for (int i = 0; i < n && insn != null; i++) {
            insn = insn.getNext();
        }
        return RuntimeCall.pushed(insn).orElseThrow(() -> new IllegalStateException("no probe id before " + call));
    }
}
