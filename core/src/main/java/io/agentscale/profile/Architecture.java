package io.agentscale.profile;

import java.util.Locale;

/** A CPU architecture an image is built for and a node runs: EKS nodes are x86-64 or Graviton (arm64). */
public enum Architecture {
  AMD64,
  ARM64;

  /** As Kubernetes and container registries write it ({@code kubernetes.io/arch}, {@code linux/arm64}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
