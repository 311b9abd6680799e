package dev.hotline.core.instrument;

import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.MethodRef;
import dev.hotline.core.probe.ProbeCatalog;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Inserts every kind of probe into the methods of one class, as the agent's options select them: a
 * timer in every method with code, constructors, static initializers and the synthetic methods
 * holding lambda bodies included (abstract and native methods have no code, and bridge methods are
 * compiler-made forwarders that would show each call twice, so those three are left alone); line
 * probes, timed or counted; allocation counters. Each method is collected into a {@link MethodNode};
 * at its end a {@link MethodProbePlan} decides its added locals and runs the inserters in order.
 * Registers each timed method's probe id with the {@link ProbeCatalog} as it goes (a method refused
 * by the catalog's cap is copied unchanged). Adds no field and no method to the class, so the result
 * can be retransformed.
 *
 * <p>Runs inside {@code ClassFileTransformer.transform}: must not load classes.
 */
public final class ProbeClassVisitor extends ClassVisitor {

    private static final int SKIPPED = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE;

    private final ProbeCatalog catalog;
    private final ProbeSelection probes;
    private final Set<String> leaveAlone;
    private final Set<String> withoutLineLocals;
    private final Set<String> withLineLocals = new HashSet<>();
    private final Listener listener;
    private String internalName;
    private String sourceFile = "";
    private String binaryName;
    private int classFileMajor;

    /**
     * @param leaveAlone        methods ({@code name + descriptor}) to keep as they are: too large once instrumented
     * @param withoutLineLocals methods whose counted lines all count in the array, none in locals
     *                          ({@link LineCounterLocals}): too large with the locals' code
     * @param listener          told of every method instrumented; may be null
     */
    public ProbeClassVisitor(ClassVisitor next, ProbeCatalog catalog, ProbeSelection probes,
                             Set<String> leaveAlone, Set<String> withoutLineLocals, Listener listener) {
        super(Opcodes.ASM9, next);
        this.catalog = catalog;
        this.probes = probes;
        this.leaveAlone = leaveAlone;
        this.withoutLineLocals = withoutLineLocals;
        this.listener = listener;
    }

    /** The methods ({@code name + descriptor}) instrumented so far with counted lines in locals. */
    public Set<String> withLineLocals() {
        return withLineLocals;
    }

    /** Sees each method's instrumented code before it is written (for the bytecode command). */
    public interface Listener {
        /**
         * @param code     the instrumented method
         * @param original the instruction nodes that were there before (all others were inserted)
         */
        void instrumented(MethodRef method, MethodNode code, Set<AbstractInsnNode> original);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.internalName = name;
        this.binaryName = name.replace('/', '.');
        this.classFileMajor = version & 0xFFFF;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        if (source != null) {
            int slash = internalName.lastIndexOf('/');
            sourceFile = slash < 0 ? source : internalName.substring(0, slash + 1) + source;
        }
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        if ((access & SKIPPED) != 0 || next == null || leaveAlone.contains(name + descriptor)) {
            return next;
        }
        MethodProbePlan.Kinds kinds = MethodProbePlan.Kinds.of(probes, binaryName, name);
        if (!kinds.any()) {
            return next;
        }
        MethodRef ref = new MethodRef(binaryName, name, descriptor);
        int probeId = kinds.timer() ? catalog.registerMethod(ref) : -1;
        if (kinds.timer() && probeId < 0) {
            return next; // probe cap reached: the method stays as it is
        }
        return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
            @Override
            public void visitEnd() {
                Set<AbstractInsnNode> original = listener == null ? null : originalInstructions(this);
                MethodProbePlan.Target target = new MethodProbePlan.Target(internalName, ref, sourceFile, probeId,
                        writeFrames(this), !withoutLineLocals.contains(name + descriptor));
                MethodProbePlan plan = new MethodProbePlan(this, target, kinds, catalog);
                if (plan.lineCounterLocals() > 0) {
                    withLineLocals.add(name + descriptor);
                }
                plan.run();
                if (listener != null) {
                    listener.instrumented(ref, this, original);
                }
                accept(next);
            }
        };
    }

    private static Set<AbstractInsnNode> originalInstructions(MethodNode method) {
        Set<AbstractInsnNode> original = Collections.newSetFromMap(new IdentityHashMap<>());
        method.instructions.forEach(original::add);
        return original;
    }

    /**
     * Java 7+ class files must carry stack map frames. Java 6 files may; without them the JVM
     * verifies by type inference, and adding frames to only our handler would break that.
     */
    private boolean writeFrames(MethodNode method) {
        if (classFileMajor > Opcodes.V1_6) {
            return true;
        }
        for (var insn : method.instructions) {
            if (insn instanceof FrameNode) {
                return true;
            }
        }
        return false;
    }
}
