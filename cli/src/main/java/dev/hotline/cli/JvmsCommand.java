package dev.hotline.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.hotline.core.attach.StatusFiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "jvms", mixinStandardHelpOptions = true,
        description = {"List the JVMs of this user that hotline can attach to.", "",
            "For each: its pid, its main class or jar, and whether hotline is attached, with which",
            "options. Nothing is loaded into them (hotline's sessions leave a status file, readable",
            "by their user only)."})
final class JvmsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<VirtualMachineDescriptor> jvms;
        try {
            jvms = new ArrayList<>(VirtualMachine.list());
        } catch (RuntimeException | LinkageError e) {
            return ControlCommands.fail(spec, "cannot list JVMs: this JVM has no attach support (jdk.attach): " + e);
        }
        jvms.sort(Comparator.comparingLong(d -> pidOf(d)));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-8s %-40s %s%n", "PID", "MAIN", "HOTLINE");
        long self = ProcessHandle.current().pid();
        for (VirtualMachineDescriptor jvm : jvms) {
            long pid = pidOf(jvm);
            if (pid == self || pid < 0) {
                continue;
            }
            String status = StatusFiles.read(pid);
            out.printf("%-8d %-40s %s%n", pid, mainOf(jvm.displayName()),
                    status == null ? "-" : "attached" + (status.isEmpty() ? "" : " (" + status + ")"));
        }
        return 0;
    }

    private static long pidOf(VirtualMachineDescriptor jvm) {
        try {
            return Long.parseLong(jvm.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The main class or jar: the display name is the command line after the JVM's options. */
    static String mainOf(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return "(unknown)";
        }
        return displayName.trim().split("\\s+")[0];
    }
}
