package io.agentscale.plan;

/**
 * One pod template as the scheduler weighs it: where it may go and what it requests.
 *
 * @param name what a person calls it in a finding, such as {@code Deployment livekit/dental-receptionist}
 */
public record PodShape(String name, Placement placement, int cpuMillis, int memoryMiB) {}
