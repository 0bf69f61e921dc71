package io.agentscale.synth;

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
public final class Interrupts {
  private static final Set<Path> unfinished = ConcurrentHashMap.newKeySet();
  private static final Object swaps = new Object();
  /** Guards the choice between a signal's exit and the command's own. */
  private static final Object state = new Object();
  private static volatile boolean stopping;
  /** Set once the command has finished and the JVM is exiting with its code: a late signal changes nothing. */
  private static volatile boolean exiting;

  private Interrupts() {}

  /** Handles SIGINT and SIGTERM for the rest of this JVM's life. */
  public static void install(PrintStream stderr) {
    // The jsii host (cli/src/main/jsii-host/host.js) unpacks its libraries in a folder named after this JVM.
    unfinished.add(jsiiScratch());
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> stop(signal, stderr));
    }
  }

  /** Where the jsii host keeps its unpacked libraries: beside Node's os.tmpdir(), named after this JVM. */
  static Path jsiiScratch() {
    String base = java.util.stream.Stream.of("TMPDIR", "TMP", "TEMP").map(System::getenv)
        .filter(v -> v != null && !v.isEmpty()).findFirst().orElse("/tmp");
    return Path.of(base, "agentscale-jsii-" + ProcessHandle.current().pid());
  }

  /** A folder to remove if the run is interrupted before {@link #finished}. */
  public static Path unfinished(Path folder) {
    unfinished.add(folder.toAbsolutePath());
    return folder;
  }

  public static void finished(Path folder) {
    unfinished.remove(folder.toAbsolutePath());
  }

  /** True once a signal arrived: work still running is about to be dropped and should stay silent. */
  public static boolean stopping() {
    return stopping;
  }

  /**
   * Blocks for good when a signal is being handled: work that failed because the run is stopping must not exit with
   * its own code before the handler exits with the signal's.
   */
  public static void awaitStopIfStopping() {
    synchronized (state) {
      if (!stopping) {
        exiting = true;
        return;
      }
    }
    while (true) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        // keep waiting: the handler ends the JVM
      }
    }
  }

  /** Runs a swap of folders that an interrupt must not cut in half. */
  public static void swap(AtomicFolder.Swap swap) throws java.io.IOException {
    synchronized (swaps) {
      swap.run();
    }
  }

  private static void stop(Signal signal, PrintStream stderr) {
    synchronized (state) {
      if (exiting) {
        return;
      }
      stopping = true;
    }
    synchronized (swaps) {
      // The jsii host may be writing a cloud assembly into a scratch folder: end it before removing the folders.
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      ProcessHandle.current().descendants().forEach(child -> {
        try {
          child.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          // gone or stuck: the folders are removed either way
        }
      });
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
