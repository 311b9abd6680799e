package dev.hotline.core.bytecode;

import dev.hotline.core.probe.MethodRef;
import java.util.List;

/**
 * One method before and after instrumentation: sizes, the rows of its listing and what a JVM
 * engineer should know about the change (inlining, JIT and size limits).
 *
 * @param before   code sizes of the original method
 * @param after    code sizes of the instrumented method, null if the agent leaves it untouched
 * @param rows     every label and instruction, original and inserted, in code order
 */
public record MethodListing(MethodRef method, CodeAttributes.Code before, CodeAttributes.Code after,
                            List<Row> rows, List<String> notes, List<String> warnings) {

    /**
     * One row: a label or an instruction.
     *
     * @param line     the source line it belongs to, 0 if none yet
     * @param text     the instruction (or {@code L3:} for a label)
     * @param inserted true for code the agent inserted
     * @param probe    for the instruction that calls the runtime, which probe it is; else null
     */
    public record Row(int line, String text, boolean inserted, String probe) {
    }
}
