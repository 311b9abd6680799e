/**
 * Live capture: reads what the runtime's per-thread recorders hold and turns it into the profile
 * model. {@link dev.hotline.core.capture.RuntimeSnapshot} merges recorders into one
 * {@link dev.hotline.core.profile.Profile}; {@link dev.hotline.core.capture.ThreadRetirement} keeps
 * the totals of threads that ended, so memory follows the live threads; sizes of allocated
 * instances come from an {@link dev.hotline.core.capture.InstanceSizes} (the agent asks the JVM).
 *
 * <p>The only package of {@code core} outside the transform that refers to
 * {@code dev.hotline.runtime}. In the agent these classes run on the sweeper, the flush thread and
 * the shutdown hook, never on a probe's path; they resolve the runtime's classes in the bootstrap
 * loader, so they must not be loaded before the agent has put the runtime there.
 */
package dev.hotline.core.capture;
