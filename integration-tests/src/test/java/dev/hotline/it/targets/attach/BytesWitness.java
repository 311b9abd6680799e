package dev.hotline.it.targets.attach;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;

/**
 * A second agent, loaded into the attach target by the test each time it asks (in a jar the test
 * builds): gets Worker's current bytes the only way the JVM hands them out, a retransformation
 * through a transformer of its own, and writes them to the file its argument names. It must be
 * loaded anew for every question: JVMTI calls the agents in the order they were loaded, so only an
 * agent loaded after hotline's sees what hotline's transformer makes of the class.
 */
public final class BytesWitness {

    private BytesWitness() {
    }

    public static void agentmain(String file, Instrumentation instrumentation) throws Exception {
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getName().equals("dev.hotline.it.targets.attach.Worker")) {
                Files.write(Path.of(file), bytesHandedOut(instrumentation, type));
            }
        }
    }

    private static byte[] bytesHandedOut(Instrumentation instrumentation, Class<?> type) throws Exception {
        byte[][] seen = new byte[1][];
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
                if (redefined == type) {
                    seen[0] = bytes.clone();
                }
                return null;
            }
        };
        instrumentation.addTransformer(capture, true);
        try {
            instrumentation.retransformClasses(type);
        } finally {
            instrumentation.removeTransformer(capture);
        }
        return seen[0];
    }
}
