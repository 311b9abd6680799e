package dev.hotline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.options.ClassSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine;

/** The agent options as flags: one vocabulary in record, demo and bytecode. */
class AgentFlagsTest {

    private static final List<String> SELECTION = List.of("--includes", "--excludes", "--lines", "--linehits", "--alloc");
    private static final List<String> RUN = List.of("--log", "--interval", "--dumpclasses", "--maxmethods", "--metrics",
            "--metricstop", "--metricssort");

    @TempDir
    Path dir;

    @Test
    void record_demo_and_bytecode_share_the_selection_flags_and_the_commands_that_run_share_the_rest() {
        CommandLine cli = new CommandLine(new HotlineCommand());
        for (String command : List.of("record", "demo", "bytecode")) {
            CommandLine.Model.CommandSpec spec = cli.getSubcommands().get(command).getCommandSpec();
            for (String flag : SELECTION) {
                assertThat(spec.findOption(flag)).as("%s %s", command, flag).isNotNull();
            }
            for (String flag : RUN) {
                assertThat(spec.findOption(flag) != null).as("%s %s", command, flag).isEqualTo(!command.equals("bytecode"));
            }
        }
    }

    @Test
    void record_passes_every_flag_as_the_agent_option_of_the_same_name_in_one_order() {
        RecordCommand record = parse(new RecordCommand(), "--maxmethods", "1000", "--alloc", "com.acme.Hot#make",
                "--includes", "com.acme.*", "--log", "info", "--linehits", "com.acme.Count", "--excludes", "com.acme.gen.*",
                "--interval", "10s", "--lines", "com.acme.Hot#loop", "--dumpclasses", "classes", "-o", "run-%p.hotline",
                "--", "java", "-jar", "app.jar");

        AgentOptions options = record.recording.options();

        assertThat(options.problems()).isEmpty();
        assertThat(options.raw()).isEqualTo("includes=com.acme.*,excludes=com.acme.gen.*,lines=com.acme.Hot#loop,"
                + "alloc=com.acme.Hot#make,linehits=com.acme.Count,log=info,interval=10s,dumpclasses=classes,"
                + "maxmethods=1000,out=" + Path.of("run-%p.hotline").toAbsolutePath());
        assertThat(options.out(42)).isEqualTo(Path.of("run-42.hotline").toAbsolutePath());
        assertThat(record.command).containsExactly("java", "-jar", "app.jar");
    }

    @Test
    void the_metrics_flags_give_the_metrics_options_and_a_bad_address_exits_2_naming_the_flag() {
        RecordCommand record = parse(new RecordCommand(), "--metrics", "127.0.0.1:9464", "--metricstop", "10",
                "--metricssort", "calls", "--", "java", "App");

        AgentOptions options = record.recording.options();

        assertThat(options.raw()).startsWith("metrics=127.0.0.1:9464,metricstop=10,metricssort=calls,out=");
        Result bad = run("record", "--metrics", "localhost", "--", "java", "App");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).startsWith("hotline record: --metrics localhost: expected PORT or HOST:PORT");
    }

    @Test
    void record_without_flags_gives_only_the_dump_path() {
        RecordCommand record = parse(new RecordCommand(), "--", "java", "-version");

        AgentOptions options = record.recording.options();

        assertThat(options.raw()).isEqualTo("out=" + Path.of("hotline-%p.hotline").toAbsolutePath());
        assertThat(options.includes()).isNull();
    }

    @Test
    void a_bare_selection_flag_in_record_means_the_classes_of_includes() {
        RecordCommand record = parse(new RecordCommand(), "--includes", "com.acme.*", "--alloc", "--lines", "--", "java", "App");

        AgentOptions options = record.recording.options();

        assertThat(options.lines().toString()).isEqualTo("com.acme.*");
        assertThat(options.alloc().toString()).isEqualTo("com.acme.*");
        assertThat(options.lineHits().isEmpty()).isTrue();
    }

    @Test
    void a_bare_selection_flag_in_the_demo_means_the_demo_and_the_demo_is_timed_by_default() {
        DemoCommand demo = parse(new DemoCommand(), "--lines", "--alloc", "--width", "10");

        AgentOptions options = demo.agent.options(DemoCommand.DEMO_CLASSES, DemoCommand.DEMO_CLASSES, demo.output);

        assertThat(options.raw()).isEqualTo("includes=dev.hotline.demo.*,lines=dev.hotline.demo.*,alloc=dev.hotline.demo.*,out="
                + Path.of("hotline-demo.hotline").toAbsolutePath());
        assertThat(demo.width).isEqualTo(10);
    }

    @Test
    void the_demo_takes_methods_and_includes_like_record() {
        DemoCommand demo = parse(new DemoCommand(), "--linehits", "dev.hotline.demo.BoxedJulia#calculate", "--includes", "dev.hotline.demo.Complex");

        AgentOptions options = demo.agent.options(DemoCommand.DEMO_CLASSES, DemoCommand.DEMO_CLASSES, demo.output);

        assertThat(options.lineHits().selects("dev.hotline.demo.BoxedJulia", "calculate")).isTrue();
        assertThat(options.lineHits().selects("dev.hotline.demo.BoxedJulia", "compute")).isFalse();
        assertThat(options.includes().toString()).isEqualTo("dev.hotline.demo.Complex");
    }

    @Test
    void a_bare_selection_flag_in_record_without_includes_exits_2_naming_the_flag() {
        Result result = run("record", "--linehits", "--", "java", "App");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).startsWith("hotline record: --linehits needs METHODS").contains("--includes");
    }

    @Test
    void a_bad_agent_option_stops_record_with_one_line_naming_the_flag() {
        Result log = run("record", "--log", "loud", "--", "java", "App");
        Result interval = run("record", "--interval", "5ms", "--", "java", "App");
        Result comma = run("record", "--includes", "com.acme.*,org.other.*", "--", "java", "App");

        assertThat(log.code).isEqualTo(2);
        assertThat(log.err).startsWith("hotline record: --log loud: expected one of error, warn, info, debug");
        assertThat(interval.code).isEqualTo(2);
        assertThat(interval.err).startsWith("hotline record: --interval 5ms: expected a duration");
        assertThat(comma.code).isEqualTo(2);
        assertThat(comma.err).startsWith("hotline record: --includes 'com.acme.*,org.other.*': separate patterns with ':'");
    }

    @Test
    void bytecode_says_when_the_agent_never_instruments_a_class_by_its_name() throws Exception {
        Path classes = Path.of(AgentFlagsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        Result result = run("bytecode", AgentFlagsTest.class.getName(), "--classpath", classes.toString(), "--includes", "*");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).isEqualTo("The agent never instruments " + AgentFlagsTest.class.getName() + ": "
                + ClassSelection.neverInstrumented(AgentFlagsTest.class.getName()) + "." + System.lineSeparator());
        assertThat(result.out).contains("hotline's own classes");
    }

    @Test
    void bytecode_with_a_bare_alloc_counts_the_allocations_of_the_class_shown() throws IOException {
        writeClass("com/acme/Maker", dir);

        Result plain = run("bytecode", "com.acme.Maker", "--classpath", dir.toString());
        Result counted = run("bytecode", "com.acme.Maker", "--classpath", dir.toString(), "--alloc");

        assertThat(plain.code).as(plain.err).isZero();
        assertThat(plain.out).contains("method timer: enter").doesNotContain("allocation site");
        assertThat(counted.code).as(counted.err).isZero();
        assertThat(counted.out).contains("allocation site: java.lang.Object");
    }

    @Test
    void bytecode_leaves_a_class_the_options_do_not_select_unchanged() throws IOException {
        writeClass("com/acme/Maker", dir);

        Result result = run("bytecode", "com.acme.Maker", "--classpath", dir.toString(), "--excludes", "com.acme.*");

        assertThat(result.code).isZero();
        assertThat(result.out).contains("leaves com.acme.Maker unchanged");
    }

    // --- helpers

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HotlineCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code class NAME { static Object make() { return new Object(); } }}, without debug information. */
    private static void writeClass(String internalName, Path root) throws IOException {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, "java/lang/Object");
        mv.visitInsn(Opcodes.DUP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        Path file = root.resolve(internalName + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, cw.toByteArray());
    }
}
