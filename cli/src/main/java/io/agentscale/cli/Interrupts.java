package io.agentscale.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the run stops at once, removes the folders it had not finished (staging folders, scratch
 * folders), prints one line and exits 128 + the signal's number. A folder being swapped into place finishes its swap
 * first, so every output folder is either the old one or the new one, never a mix. The jsii host (Node) ignores both
 * signals and ends when this JVM does, so neither side prints a trace.
 */
final class Interrupts {
  private static final Set<Path> unfinished = ConcurrentHashMap.newKeySet();
  private static final Object swaps = new Object();
  private static volatile boolean stopping;

  private Interrupts() {}

  /** Handles SIGINT and SIGTERM for the rest of this JVM's life. */
  static void install(PrintStream stderr) {
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> stop(signal, stderr));
    }
  }

  /** A folder to remove if the run is interrupted before {@link #finished}. */
  static Path unfinished(Path folder) {
    unfinished.add(folder.toAbsolutePath());
    return folder;
  }

  static void finished(Path folder) {
    unfinished.remove(folder.toAbsolutePath());
  }

  /** True once a signal arrived: work still running is about to be dropped and should stay silent. */
  static boolean stopping() {
    return stopping;
  }

  /**
   * Blocks for good when a signal is being handled: work that failed because the run is stopping must not exit with
   * its own code before the handler exits with the signal's.
   */
  static void awaitStopIfStopping() {
    while (stopping) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        // keep waiting: the handler ends the JVM
      }
    }
  }

  /** Runs a swap of folders that an interrupt must not cut in half. */
  static void swap(AtomicFolder.Swap swap) throws java.io.IOException {
    synchronized (swaps) {
      swap.run();
    }
  }

  private static void stop(Signal signal, PrintStream stderr) {
    stopping = true;
    synchronized (swaps) {
      // A writer may add a file to a folder being removed until it sees `stopping`: remove until nothing is left.
      for (int attempt = 0; attempt < 20 && !unfinished.isEmpty(); attempt++) {
        for (Path folder : Set.copyOf(unfinished)) {
          try {
            AtomicFolder.deleteTree(folder);
            if (!Files.exists(folder)) {
              unfinished.remove(folder);
            }
          } catch (java.io.IOException | RuntimeException e) {
            // retried below
          }
        }
        if (!unfinished.isEmpty()) {
          try {
            Thread.sleep(25);
          } catch (InterruptedException e) {
            break;
          }
        }
      }
      stderr.println("agentscale: stopped by SIG" + signal.getName() + (unfinished.isEmpty()
          ? "; unfinished output removed, finished output kept"
          : "; could not remove " + unfinished.stream().map(Path::toString).sorted().toList()));
      stderr.flush();
      System.exit(128 + signal.getNumber()); // runs the shutdown hooks: jsii removes the files it unpacked
    }
  }
}
