package io.agentscale.profile;

/**
 * One thing wrong with a profile.
 *
 * @param path the YAML key the user wrote, such as {@code agent.scaling.max_workers}
 * @param message lower-case, quotes the received value and names the rule or the fix
 */
public record Problem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
