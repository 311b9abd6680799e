/**
 * The runtime that instrumented code calls: {@link dev.hotline.runtime.Probes} and the per-thread
 * recording state behind it.
 *
 * <p>These classes are injected into the bootstrap class loader so that classes of every loader can
 * see them. They may therefore reference nothing but {@code java.*} (a test scans their constant
 * pools), must never log, and must never allocate on the hot path once a probe has run once.
 */
package dev.hotline.runtime;
