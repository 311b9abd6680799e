/**
 * The hotline Maven plugin, in JaCoCo's shape: {@code prepare-agent} puts the agent on the test
 * JVM's command line (Surefire's {@code argLine}), {@code report} writes the HTML page and logs the
 * method table, {@code check} fails the build on regressions against a baseline dump. Everything
 * that reads, renders or compares dumps is core's; the goals only wire it to Maven.
 */
package dev.hotline.maven;
