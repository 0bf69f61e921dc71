package io.agentscale.k8s;

import java.util.List;
import org.cdk8s.plus28.k8s.Capabilities;
import org.cdk8s.plus28.k8s.PodSecurityContext;
import org.cdk8s.plus28.k8s.SeccompProfile;
import org.cdk8s.plus28.k8s.SecurityContext;

/** The Pod Security Standard "restricted" settings, shared by every pod this product emits. */
final class Restricted {
  /** A non-root uid; the LiveKit agent images and the adapter both run as it. */
  static final int UID = io.agentscale.profile.ContainerContract.UID;

  private Restricted() {}

  static PodSecurityContext pod() {
    return PodSecurityContext.builder()
        .runAsNonRoot(true)
        .runAsUser(UID)
        .runAsGroup(UID)
        .fsGroup(UID)
        .seccompProfile(SeccompProfile.builder().type("RuntimeDefault").build())
        .build();
  }

  static SecurityContext container() {
    return SecurityContext.builder()
        .runAsNonRoot(true)
        .allowPrivilegeEscalation(false)
        .readOnlyRootFilesystem(true)
        .capabilities(Capabilities.builder().drop(List.of("ALL")).build())
        .seccompProfile(SeccompProfile.builder().type("RuntimeDefault").build())
        .build();
  }
}
