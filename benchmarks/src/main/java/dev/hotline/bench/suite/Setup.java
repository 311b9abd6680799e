package dev.hotline.bench.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One way to run a workload: which JDK, which agent with which options, and (for google's
 * allocation-instrumenter, which needs a sampler registered from code) which main class wraps it.
 *
 * @param name     the row label
 * @param java     the {@code java} executable
 * @param jvmArgs  agent and JVM options
 * @param env      extra environment (Kieker reads its selection from there)
 * @param wrapper  a main class to run instead, with the workload's main class as first argument; or null
 */
record Setup(String name, Path java, List<String> jvmArgs, Map<String, String> env, String wrapper) {

    Setup(String name, Path java, List<String> jvmArgs) {
        this(name, java, jvmArgs, Map.of(), null);
    }
}
