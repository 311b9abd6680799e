/**
 * What the agent and the command line agree on for attaching to a running JVM: the control
 * request passed as the agent's argument ({@link dev.hotline.core.attach.ControlRequest}), the
 * reply the agent writes back ({@link dev.hotline.core.attach.ControlReply}), and the status file
 * {@code hotline jvms} reads ({@link dev.hotline.core.attach.StatusFiles}).
 */
package dev.hotline.core.attach;
