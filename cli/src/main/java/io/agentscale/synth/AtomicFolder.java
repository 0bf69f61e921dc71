package io.agentscale.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a whole folder or nothing: everything goes to a hidden sibling first and replaces the target only when it is
 * complete. If writing fails, the previous folder stays byte-identical.
 */
public final class AtomicFolder {
  /** Fills a folder; may throw anything, which leaves the target untouched. */
  public interface Filler {
    void fill(Path staging) throws Exception;
  }

  private AtomicFolder() {}

  /** Moves folders; run through {@link Interrupts#swap} so an interrupt never cuts it in half. */
  public interface Swap {
    void run() throws IOException;
  }

  public static void replace(Path target, Filler filler) throws Exception {
    Path parent = target.toAbsolutePath().getParent();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " is a file, not an output folder: move it away or choose another --out");
    }
    Files.createDirectories(parent);
    // a plain new folder, so it gets the user's umask (a temporary folder would be private to them)
    String suffix = Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
    Path staging = Interrupts.unfinished(parent.resolve("." + target.getFileName() + ".new-" + suffix));
    Path old = Interrupts.unfinished(parent.resolve("." + target.getFileName() + ".old-" + suffix));
    try {
      Files.createDirectory(staging);
      filler.fill(staging);
      Interrupts.swap(() -> {
        boolean replacing = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (replacing) {
          try {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            throw new IOException("cannot move " + target + " aside to replace it (" + reason(e)
                + "): check that you may rename it, or choose another --out", e);
          }
        }
        try {
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          if (replacing) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
          }
          throw new IOException("cannot move the new " + target + " into place (" + reason(e) + ")", e);
        }
      });
      deleteTree(old);
    } finally {
      deleteTree(staging);
      Interrupts.finished(staging);
      Interrupts.finished(old);
    }
  }

  /** What went wrong with a file operation, in a few words. */
  public static String reason(IOException e) {
    String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
        .toLowerCase(java.util.Locale.ROOT);
    return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
        : kind.isBlank() || kind.equals("i o") || kind.equals("file system") ? String.valueOf(e.getMessage()) : kind;
  }

  public static void deleteTree(Path root) throws IOException {
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
