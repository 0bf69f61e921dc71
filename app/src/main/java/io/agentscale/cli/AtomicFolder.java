package io.agentscale.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a whole folder or nothing: everything goes to a hidden sibling first and replaces the target only when it is
 * complete. If writing fails, the previous folder stays byte-identical.
 */
final class AtomicFolder {
  /** Fills a folder; may throw anything, which leaves the target untouched. */
  interface Filler {
    void fill(Path staging) throws Exception;
  }

  private AtomicFolder() {}

  static void replace(Path target, Filler filler) throws Exception {
    Path parent = target.toAbsolutePath().getParent();
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target,
        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " is a file, not an output folder: move it away or choose another --out");
    }
    Files.createDirectories(parent);
    // a plain new folder, so it gets the user's umask (a temporary folder would be private to them)
    Path staging = parent.resolve("." + target.getFileName() + ".new-" + Long.toUnsignedString(
        java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36));
    Files.createDirectory(staging);
    try {
      filler.fill(staging);
    } catch (Exception e) {
      deleteTree(staging);
      throw e;
    }
    Path old = null;
    if (Files.exists(target)) {
      old = parent.resolve("." + target.getFileName() + ".old-" + staging.getFileName().toString().replaceAll(".*-", ""));
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      }
      deleteTree(staging);
      throw e;
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
