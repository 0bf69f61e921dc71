package io.agentscale.synth;

/** Something the user can fix, said in one line that names it and the fix; the command exits 1 without a trace. */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
