package dev.hotline.core.instrument;

import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole transformation as a pure function {@code byte[] -> byte[]}, testable without an agent.
 * The agent's class file transformer calls exactly this.
 *
 * <p>Reader and writer flags are part of the contract: frames must be read expanded, and the writer
 * computes neither frames nor maxima (the inserters write both), so no class is ever loaded.
 */
public final class ClassInstrumenter {

    /** Flags the class reader must be given. */
    public static final int READER_FLAGS = ClassReader.EXPAND_FRAMES;
    /** Flags the class writer must be given. */
    public static final int WRITER_FLAGS = 0;

    private final ProbeCatalog catalog;
    private final ProbeSelection probes;

    /** Method timers only. */
    public ClassInstrumenter(ProbeCatalog catalog) {
        this(catalog, ProbeSelection.timersOnly());
    }

    /** The probes {@code probes} selects (the agent's options). */
    public ClassInstrumenter(ProbeCatalog catalog, ProbeSelection probes) {
        this.catalog = catalog;
        this.probes = probes;
    }

    /** The instrumented class; throws if the class cannot be instrumented (callers keep the original). */
    public byte[] instrument(byte[] classFile) {
        return instrument(classFile, null).bytes();
    }

    /**
     * What instrumenting a class produced: its bytes and the methods left as they were because
     * they would exceed the JVM's 64 KB code limit once instrumented ({@code name + descriptor}).
     */
    public record Result(byte[] bytes, List<String> tooLarge, boolean classTooLarge) {

        /** Whether the class is returned unchanged because instrumenting it overflows a class file limit. */
        public boolean unchanged() {
            return classTooLarge;
        }
    }

    /**
     * Instruments a class; a method that would grow past 64 KB of code is instrumented again with
     * its counted lines all in the array ({@link LineCounterLocals}: less code) if some counted in
     * locals, and otherwise left untouched (and named in the result), while the rest of the class
     * is instrumented.
     *
     * @param listener told of every method instrumented; may be null
     */
    public Result instrument(byte[] classFile, ProbeClassVisitor.Listener listener) {
        ClassReader reader = new ClassReader(classFile);
        Set<String> tooLarge = new LinkedHashSet<>();
        Set<String> withoutLineLocals = new HashSet<>();
        while (true) {
            ClassWriter writer = new ClassWriter(WRITER_FLAGS);
            ProbeClassVisitor visitor = new ProbeClassVisitor(writer, catalog, probes, tooLarge, withoutLineLocals,
                    listener);
            try {
                reader.accept(visitor, READER_FLAGS);
                return new Result(writer.toByteArray(), List.copyOf(tooLarge), false);
            } catch (ClassTooLargeException e) {
                // the probes' constants overflow the constant pool (65,535 entries): leave the class as it is
                return new Result(classFile, List.of(), true);
            } catch (MethodTooLargeException e) {
                String method = e.getMethodName() + e.getDescriptor();
                if (visitor.withLineLocals().contains(method)) {
                    withoutLineLocals.add(method); // first try it with less code: every counted line in the array
                } else if (!tooLarge.add(method)) {
                    throw e; // too large even untouched: not ours to fix
                }
                // the ids registered in this attempt stay unused; the next attempt registers anew
            }
        }
    }
}
