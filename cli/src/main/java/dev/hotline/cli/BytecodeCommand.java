package dev.hotline.cli;

import dev.hotline.core.bytecode.BytecodeComparison;
import dev.hotline.core.bytecode.BytecodeReport;
import dev.hotline.core.bytecode.ClassBytesLocator;
import dev.hotline.core.bytecode.InliningLimits;
import dev.hotline.core.bytecode.MethodListing;
import dev.hotline.core.options.AgentOptions;
import dev.hotline.core.options.ClassSelection;
import dev.hotline.core.options.ProbeSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bytecode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what the agent does to a class, like Python's dis.", "", "Show what the agent does to a class, like Python's dis: each method's original and",
            "instrumented instructions with source lines, inserted code marked and every probe named,",
            "sizes before -> after, and warnings about HotSpot's inlining and size limits.",
            "Runs exactly the agent's transformation for the options given; no class is loaded.",
            "--lines, --linehits and --alloc without METHODS mean CLASS.",
            "",
            "Example: hotline bytecode dev.hotline.demo.Complex multiply --jar hotline-demo.jar --alloc 'dev.hotline.demo.*'"})
final class BytecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLASS", description = "Binary class name, e.g. com.acme.Parser or com.acme.Outer$Inner.")
    String className;

    @Parameters(index = "1", arity = "0..1", paramLabel = "METHOD", description = "Only methods with this name (all by default).")
    String methodName;

    static final class Source {
        @Option(names = {"--classpath", "-cp"}, paramLabel = "PATH", required = true,
                description = "Directories and jars to read the class from, ':'-separated.")
        String classPath;

        @Option(names = "--jar", paramLabel = "FILE", required = true, description = "A jar to read the class from.")
        String jar;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Mixin
    AgentFlags agent = new AgentFlags();

    @Option(names = "--side-by-side", description = "Original and instrumented code in two columns (default: one column, inserted rows marked +).")
    boolean sideBySide;

    /** The listing's formats (not those of a report: the listing is not a profile). */
    enum ListingFormat { TEXT, JSON }

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    ListingFormat format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String binaryName = className.replace('/', '.');
        AgentOptions options = agent.options(binaryName, null);
        ClassBytesLocator locator = ClassBytesLocator.ofClassPath(source.jar != null ? source.jar : source.classPath);
        for (var missing : locator.missingEntries()) {
            err.println("hotline bytecode: warning: " + missing + " does not exist");
        }
        Optional<byte[]> bytes;
        try {
            bytes = locator.find(className);
        } catch (IOException e) {
            err.println("hotline bytecode: cannot read the class path: " + HotlineCli.describe(e));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        if (bytes.isEmpty()) {
            err.println("hotline bytecode: class " + className + " not found in " + (source.jar != null ? source.jar : source.classPath));
            return HotlineCli.EXIT_BAD_INPUT;
        }
        String never = ClassSelection.neverInstrumented(binaryName);
        if (never != null) {
            out.println("The agent never instruments " + binaryName + ": " + never + ".");
            return 0;
        }
        if (!ClassSelection.of(options).selects(binaryName)) {
            out.println("With these options the agent leaves " + binaryName + " unchanged (not in includes=, or in excludes=).");
            return 0;
        }
        InliningLimits limits = InliningLimits.ofRunningJvm();
        List<MethodListing> methods = new BytecodeComparison(limits).compare(bytes.get(), ProbeSelection.of(options));
        if (methodName != null) {
            methods = methods.stream().filter(m -> m.method().name().equals(methodName)).toList();
            if (methods.isEmpty()) {
                err.println("hotline bytecode: " + binaryName + " has no method with code named " + methodName);
                return HotlineCli.EXIT_BAD_INPUT;
            }
        }
        if (format == ListingFormat.JSON) {
            BytecodeReport.json(binaryName, methods, limits, out);
        } else {
            BytecodeReport.text(binaryName, methods, sideBySide, limits, out);
        }
        return 0;
    }
}
