package io.agentscale.cli;

/** Something the user can fix, said in one line that names it and the fix; the command exits 1 without a trace. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message);
  }
}
