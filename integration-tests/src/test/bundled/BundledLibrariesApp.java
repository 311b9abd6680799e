import java.nio.ByteBuffer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.HdrHistogram.Histogram;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that bundles its own (other) versions of the libraries hotline relocates: ASM,
 * HdrHistogram, Byte Buddy, SLF4J with Logback. Compiled by the integration test against those
 * jars. Prints what it computed; the output must be the same with and without the agent.
 */
public class BundledLibrariesApp {

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger(BundledLibrariesApp.class);
        log.info("logging through the application's own SLF4J");

        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "Generated", null, "java/lang/Object", null);
        writer.visitEnd();
        System.out.println("asm class name: " + new ClassReader(writer.toByteArray()).getClassName());

        Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            histogram.recordValue(i);
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoCompressedByteBuffer(buffer);
        System.out.println("hdr p50: " + histogram.getValueAtPercentile(50));

        Class<?> dynamic = new ByteBuddy().subclass(Object.class)
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by byte buddy"))
                .make().load(BundledLibrariesApp.class.getClassLoader()).getLoaded();
        System.out.println("byte buddy: " + dynamic.getDeclaredConstructor().newInstance());
        System.out.println("slf4j: " + log.getClass().getName());
    }
}
