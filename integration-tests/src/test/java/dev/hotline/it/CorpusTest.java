package dev.hotline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.instrument.ClassInstrumenter;
import dev.hotline.core.options.ClassPattern;
import dev.hotline.core.options.MethodSelection;
import dev.hotline.core.options.ProbeSelection;
import dev.hotline.core.probe.ProbeCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Every class of a set of real libraries (Guava, Jackson, Commons Lang and Collections 3 and 4,
 * the Kotlin and Scala standard libraries, Groovy, and the JDK's java.xml module) through the
 * agent's transformation in every mode, then checked twice: ASM's analyzer on every method, and
 * the JVM's own verifier (each class defined in a fresh loader and linked). A class fails only if
 * its original passes a check that its instrumented form fails. Methods the agent must leave alone
 * (too large once instrumented) are counted, never broken.
 */
class CorpusTest {

    enum Mode {
        TIMERS(null, MethodSelection.none(), MethodSelection.none(), MethodSelection.none()),
        LINES(null, MethodSelection.parse("*"), MethodSelection.none(), MethodSelection.none()),
        ALLOCATIONS(null, MethodSelection.none(), MethodSelection.none(), MethodSelection.parse("*")),
        ALL(null, MethodSelection.parse("*"), MethodSelection.none(), MethodSelection.parse("*")),
        /** includes= (empty) with linehits=*: hit counters only, no timer. */
        LINE_HITS(ClassPattern.none(), MethodSelection.none(), MethodSelection.parse("*"), MethodSelection.none()),
        /** Hit counters beside the timer's recorder and the allocation counters: two added locals. */
        LINE_HITS_TIMERS_ALLOCATIONS(null, MethodSelection.none(), MethodSelection.parse("*"), MethodSelection.parse("*"));

        final ProbeSelection probes;

        Mode(ClassPattern timers, MethodSelection lines, MethodSelection lineHits, MethodSelection allocations) {
            this.probes = new ProbeSelection(timers, lines, lineHits, allocations);
        }
    }

    /** Original class files by binary name, from every corpus jar and java.xml. */
    private static final Map<String, byte[]> ORIGINALS = new LinkedHashMap<>();
    private static final Map<String, String> SOURCE_OF = new HashMap<>();

    @BeforeAll
    static void readCorpus() throws IOException {
        Path libs = Paths.get(System.getProperty("hotline.corpus.libs", "target/corpus-libs"));
        List<Path> jars;
        try (Stream<Path> files = Files.list(libs)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).as("corpus jars in " + libs).hasSizeGreaterThanOrEqualTo(10);
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            add(name, in.readAllBytes(), jar.getFileName().toString());
                        }
                    }
                }
            }
        }
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> files = Files.walk(jrt.getPath("modules", "java.xml"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = jrt.getPath("modules", "java.xml").relativize(file).toString();
                if (!name.equals("module-info.class")) {
                    add(name, Files.readAllBytes(file), "jdk java.xml");
                }
            }
        }
    }

    private static void add(String resource, byte[] bytes, String source) {
        String binary = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
        if (ORIGINALS.putIfAbsent(binary, bytes) == null) {
            SOURCE_OF.put(binary, source);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void every_class_of_the_corpus_instruments_and_verifies(Mode mode) {
        ProbeCatalog catalog = new ProbeCatalog();
        ClassInstrumenter instrumenter = new ClassInstrumenter(catalog, mode.probes);
        Map<String, byte[]> instrumented = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int methods = 0;
        int tooLarge = 0;
        int classesTooLarge = 0;
        for (Map.Entry<String, byte[]> e : ORIGINALS.entrySet()) {
            try {
                ClassInstrumenter.Result result = instrumenter.instrument(e.getValue(), null);
                instrumented.put(e.getKey(), result.bytes());
                tooLarge += result.tooLarge().size();
                if (result.unchanged()) {
                    classesTooLarge++;
                    continue;
                }
                methods += analyze(e.getKey(), e.getValue(), result.bytes(), failures);
            } catch (RuntimeException t) {
                failures.add(e.getKey() + " (" + SOURCE_OF.get(e.getKey()) + "): transform threw " + t);
            }
        }
        int linked = link(instrumented, failures);

        System.out.printf("corpus %s: %d classes, %d methods analyzed, %d classes linked by the JVM, %d methods and %d"
                        + " classes left untouched as too large, %d method probes, %d line probes, %d allocation sites%n",
                mode, ORIGINALS.size(), methods, linked, tooLarge, classesTooLarge, catalog.methodCount(), catalog.lineCount(),
                catalog.allocationCount());
        assertThat(failures).as("classes broken by the %s transformation", mode).isEmpty();
        assertThat(ORIGINALS.size()).isGreaterThan(10_000);
    }

    /** ASM's analyzer on every method; a method whose original it rejects too is not ours to judge. */
    private static int analyze(String name, byte[] original, byte[] instrumented, List<String> failures) {
        ClassNode after = new ClassNode();
        new ClassReader(instrumented).accept(after, 0);
        Map<String, MethodNode> before = null;
        int analyzed = 0;
        for (MethodNode method : after.methods) {
            if (method.instructions.size() == 0) {
                continue;
            }
            try {
                new Analyzer<>(new BasicVerifier()).analyze(after.name, method);
                analyzed++;
            } catch (AnalyzerException e) {
                if (before == null) {
                    before = methods(original);
                }
                if (passes(after.name, before.get(method.name + method.desc))) {
                    failures.add(name + "." + method.name + method.desc + " (" + SOURCE_OF.get(name) + "): ASM analyzer: " + e.getMessage());
                }
            }
        }
        return analyzed;
    }

    private static Map<String, MethodNode> methods(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        Map<String, MethodNode> byKey = new HashMap<>();
        node.methods.forEach(m -> byKey.put(m.name + m.desc, m));
        return byKey;
    }

    private static boolean passes(String owner, MethodNode method) {
        try {
            new Analyzer<>(new BasicVerifier()).analyze(owner, method);
            return true;
        } catch (AnalyzerException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Defines every class in a loader of its own and links it (reflection links a class without
     * initializing it), so the JVM verifies it. A VerifyError or ClassFormatError is a failure unless
     * the original fails the same way; a class whose dependencies are missing counts as unlinked.
     */
    private static int link(Map<String, byte[]> classes, List<String> failures) {
        CorpusLoader instrumentedLoader = new CorpusLoader(classes);
        CorpusLoader originalLoader = new CorpusLoader(ORIGINALS);
        int linked = 0;
        for (String name : classes.keySet()) {
            Throwable problem = linkProblem(instrumentedLoader, name);
            if (problem == null) {
                linked++;
            } else if (problem instanceof VerifyError || problem instanceof ClassFormatError) {
                Throwable original = linkProblem(originalLoader, name);
                if (original == null || !original.getClass().equals(problem.getClass())) {
                    failures.add(name + " (" + SOURCE_OF.get(name) + "): JVM verifier: " + problem);
                }
            }
        }
        return linked;
    }

    private static Throwable linkProblem(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader).getDeclaredMethods();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Child-first over the given class files; everything else (the JDK, hotline's runtime) from the parent. */
    private static final class CorpusLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        CorpusLoader(Map<String, byte[]> classes) {
            super(CorpusTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null || name.startsWith("java.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }
}
