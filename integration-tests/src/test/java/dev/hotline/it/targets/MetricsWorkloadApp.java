package dev.hotline.it.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Defines every class file {@code BINARYNAME.class} in DIR (any binary name: the test makes some no
 * compiler would) and
 * calls each of their public static {@code int m*()} methods in rounds, the methods of classes named
 * in HOT twice a round, printing "ready N" after the first round. A line "idle" on standard input
 * stops the calls (and prints "idle"); the end of standard input ends the program with status 0.
 */
public final class MetricsWorkloadApp {

    private static volatile boolean calling = true;

    private static final class Definer extends ClassLoader {
        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length); // named: the agent's transformer is told no name otherwise
        }
    }

    public static void main(String[] args) throws Throwable {
        Definer loader = new Definer();
        List<MethodHandle> methods = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Paths.get(args[0]))) {
            files = list.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            Class<?> type = loader.define(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
            boolean hot = args.length > 1 && type.getName().startsWith(args[1]);
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType() == int.class) {
                    MethodHandle handle = MethodHandles.publicLookup().unreflect(m).asType(MethodType.methodType(int.class));
                    methods.add(handle);
                    if (hot) {
                        methods.add(handle);
                    }
                }
            }
        }
        Thread control = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("idle")) {
                        calling = false;
                    }
                }
            } catch (Exception e) {
                // end of input either way
            }
            System.exit(0);
        }, "control");
        control.start();
        long sum = 0;
        boolean ready = false;
        while (calling) {
            for (MethodHandle m : methods) {
                sum += (int) m.invokeExact();
            }
            if (!ready) {
                System.out.println("ready " + methods.size() + " sum=" + sum);
                System.out.flush();
                ready = true;
            }
            Thread.sleep(5);
        }
        System.out.println("idle sum=" + sum);
        System.out.flush();
        control.join();
    }
}
