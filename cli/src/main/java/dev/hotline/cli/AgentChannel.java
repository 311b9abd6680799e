package dev.hotline.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.hotline.core.attach.ControlReply;
import dev.hotline.core.attach.ControlRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Sends one {@link ControlRequest} to the agent in a running JVM through the JVM's attach
 * mechanism: the request is the argument of the agent jar loaded with byte-buddy-agent's
 * {@link ByteBuddyAgent#attach(java.io.File, String, String)}, and the agent writes its reply into a
 * directory this command made, which only its user can enter. No port, nothing others can write.
 * Before loading anything it checks what the JDK would refuse, so that each failure is one clear
 * {@link Refused} message: no such process, another user's process, not a JVM, attach disabled, a
 * JDK older than 17.
 */
final class AgentChannel {

    /** A request the target cannot take; its message is the one line for the user. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final long pid;

    AgentChannel(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** Whether the process still runs. */
    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Sends {@code command} with {@code options} (agent options for start, {@code out=FILE} for dump and detach). */
    ControlReply send(ControlRequest.Command command, String options) throws Refused {
        checkAttachable();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hotline-control-"); // rwx------ on POSIX file systems
            ControlRequest request = new ControlRequest(command, dir.resolve("reply"), options);
            try {
                ByteBuddyAgent.attach(AgentJar.locate().toFile(), Long.toString(pid), request.argument());
            } catch (RuntimeException e) {
                if (!alive()) {
                    throw new Refused("the JVM " + pid + " exited");
                }
                throw new Refused("could not load the agent into " + pid + ": " + rootMessage(e));
            }
            ControlReply reply = ControlReply.readFrom(request.reply());
            if (reply == null) {
                throw new Refused("the agent in " + pid + " did not answer (its stderr or logfile= may say why)");
            }
            return reply;
        } catch (IOException e) {
            throw new Refused("cannot talk to " + pid + ": " + HotlineCli.describe(e));
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The JDK's own conditions for attaching, checked one by one so each gets its own message. */
    private void checkAttachable() throws Refused {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new Refused("no process with pid " + pid);
        }
        String me = System.getProperty("user.name");
        Optional<String> owner = process.get().info().user();
        if (owner.isPresent() && me != null && !owner.get().equals(me)) {
            throw new Refused("process " + pid + " belongs to " + owner.get() + ", not " + me
                    + ": only the user who runs a JVM can attach to it (the JDK's rule; run hotline as " + owner.get() + ")");
        }
        if (ProcessHandle.current().pid() == pid) {
            throw new Refused("cannot attach to hotline itself");
        }
        String version;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                version = vm.getSystemProperties().getProperty("java.specification.version", "?");
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not support the attach mechanism")) {
                throw new Refused("the JVM " + pid + " runs with -XX:+DisableAttachMechanism: nothing can attach to it");
            }
            if (listed()) {
                throw new Refused("cannot attach to the JVM " + pid + ": " + message);
            }
            throw new Refused("process " + pid + " is not a Java virtual machine hotline can attach to (" + message + ")");
        } catch (IOException e) {
            throw new Refused("cannot attach to the JVM " + pid + ": " + HotlineCli.describe(e));
        } catch (LinkageError e) {
            return; // no jdk.attach in this JVM: byte-buddy-agent's fallbacks will try
        }
        if (feature(version) < 17) {
            throw new Refused("the JVM " + pid + " runs Java " + version + "; hotline needs Java 17 or newer");
        }
    }

    private boolean listed() {
        try {
            return VirtualMachine.list().stream().map(VirtualMachineDescriptor::id).anyMatch(Long.toString(pid)::equals);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** {@code 17}, {@code 25}; {@code 1.8} is 8. */
    static int feature(String specificationVersion) {
        try {
            String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
            return Integer.parseInt(v.split("\\.")[0]);
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE; // unknown: let the attach decide
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return HotlineCli.describe(t);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind, only its owner can enter it
        }
    }
}
