package dev.hotline.core.instrument;

/**
 * One kind of probe, inserted into one method at the locals its {@link MethodProbePlan} gave it.
 * An inserter only adds code (and stack map frames or their locals); it leaves {@code maxStack} and
 * {@code maxLocals} to the plan, which sets them once from what every inserter reports.
 *
 * <p>Runs inside {@code ClassFileTransformer.transform}: must not load classes.
 */
interface ProbeInserter {

    /** Inserts this kind's probes; returns what they need of the method's frame. */
    Needs insert();

    /**
     * What inserted code needs of a method's frame.
     *
     * @param extraStack operand stack slots above the original code's own, for probes placed inside
     *                   that code: each leaves the stack as it found it, so the method needs its own
     *                   maximum plus the largest of these, not their sum
     * @param minStack   operand stack for code that runs where the original code's stack is empty
     *                   (a prologue, a handler)
     * @param minLocals  locals from slot 0 up to and including the last one the probes use
     */
    record Needs(int extraStack, int minStack, int minLocals) {

        /** Nothing inserted. */
        static final Needs NONE = new Needs(0, 0, 0);
    }
}
