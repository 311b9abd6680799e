/**
 * The profile model: what one dump holds ({@link dev.hotline.core.profile.Profile}: session facts,
 * methods, lines, allocation sites, the calling-context tree, intervals) and how profiles add up
 * ({@link dev.hotline.core.profile.ProfileTotals}, {@link dev.hotline.core.profile.ProfileMerger}).
 *
 * <p>Pure data: nothing here refers to {@code dev.hotline.runtime} or to the live capture
 * ({@code dev.hotline.core.capture}) that fills it, so reading, reporting and comparing dumps does
 * not depend on the runtime; {@code ModelReferencesNoRuntimeTest} scans the compiled classes to
 * prove it. Not thread-safe unless a class says otherwise.
 */
package dev.hotline.core.profile;
