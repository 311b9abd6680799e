package dev.hotline.core.bytecode;

import java.lang.management.ManagementFactory;

/**
 * HotSpot's code-size thresholds that instrumentation can push a method across, read from the
 * running JVM (its defaults when the flags cannot be read): MaxInlineSize (a method this small is
 * inlined even when not hot), FreqInlineSize (the limit for hot methods), HugeMethodLimit (above
 * it, with DontCompileHugeMethods, the JIT does not compile the method at all).
 */
public record InliningLimits(int maxInlineSize, int freqInlineSize, int hugeMethodLimit, boolean fromRunningJvm) {

    /** The JVM's hard limit on a method's code (JVMS 4.7.3). */
    public static final int MAX_CODE_LENGTH = 65535;

    public static InliningLimits ofRunningJvm() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean != null) {
                return new InliningLimits(
                        Integer.parseInt(bean.getVMOption("MaxInlineSize").getValue()),
                        Integer.parseInt(bean.getVMOption("FreqInlineSize").getValue()),
                        hugeMethodLimit(bean),
                        true);
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no management: fall back to HotSpot's defaults
        }
        return new InliningLimits(35, 325, 8000, false);
    }

    private static int hugeMethodLimit(com.sun.management.HotSpotDiagnosticMXBean bean) {
        try {
            return Integer.parseInt(bean.getVMOption("HugeMethodLimit").getValue()); // a develop flag in product builds
        } catch (IllegalArgumentException e) {
            return 8000;
        }
    }
}
