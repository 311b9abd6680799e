package dev.hotline.core.instrument;

import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.probe.ProbeCatalog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

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
    private final MethodSelection lines;
    private final MethodSelection allocations;

    /** Method timers only. */
    public ClassInstrumenter(ProbeCatalog catalog) {
        this(catalog, MethodSelection.none(), MethodSelection.none());
    }

    /**
     * Method timers, line probes in the methods {@code lines} selects and allocation counters in
     * those {@code allocations} selects.
     */
    public ClassInstrumenter(ProbeCatalog catalog, MethodSelection lines, MethodSelection allocations) {
        this.catalog = catalog;
        this.lines = lines;
        this.allocations = allocations;
    }

    /** The instrumented class; throws if the class cannot be instrumented (callers keep the original). */
    public byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(WRITER_FLAGS);
        reader.accept(wrap(writer), READER_FLAGS);
        return writer.toByteArray();
    }

    /** The instrumenting visitor chain in front of {@code next}. */
    public ClassVisitor wrap(ClassVisitor next) {
        return new MethodTimerClassVisitor(next, catalog, lines, allocations);
    }
}
