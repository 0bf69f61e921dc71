package io.agentscale.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A profile file's text. YAML allows UTF-8 (with or without a byte-order mark) and UTF-16 (told by its mark, or by
 * the zero bytes around its first ASCII character, as the YAML spec detects it); both are read. UTF-32 and bytes that
 * are not valid text are refused by name, as are folders and files larger than a profile can be.
 */
final class ProfileText {
  /** Why a file cannot be read, in words that name the fix. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  private ProfileText() {}

  static String read(Path file, int maxBytes) throws Unreadable {
    if (Files.isDirectory(file)) {
      throw new Unreadable("is a folder, not a profile file: name a .yaml file in it");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (NoSuchFileException e) {
      throw new Unreadable("no such file (check the path; it is read from " + Path.of("").toAbsolutePath() + ")");
    } catch (IOException e) {
      throw new Unreadable("cannot be read: " + reason(e));
    }
    if (bytes.length > maxBytes) {
      throw new Unreadable("is larger than " + maxBytes / 1024 + " KiB: a profile is a few lines of YAML; is this "
          + "the right file?");
    }
    return decode(bytes);
  }

  static String decode(byte[] b) throws Unreadable {
    boolean utf32WithoutMark = b.length >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0)
        || (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0));
    if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE, 0x00, 0x00) || utf32WithoutMark) {
      throw new Unreadable("is UTF-32 text: save it as UTF-8");
    }
    if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
      return strict(Arrays.copyOfRange(b, 3, b.length), StandardCharsets.UTF_8);
    }
    if (startsWith(b, 0xFE, 0xFF) || (b.length >= 2 && b[0] == 0 && b[1] != 0)) {
      return strict(startsWith(b, 0xFE, 0xFF) ? Arrays.copyOfRange(b, 2, b.length) : b, StandardCharsets.UTF_16BE);
    }
    if (startsWith(b, 0xFF, 0xFE) || (b.length >= 2 && b[0] != 0 && b[1] == 0)) {
      return strict(startsWith(b, 0xFF, 0xFE) ? Arrays.copyOfRange(b, 2, b.length) : b, StandardCharsets.UTF_16LE);
    }
    return strict(b, StandardCharsets.UTF_8);
  }

  private static String strict(byte[] bytes, Charset charset) throws Unreadable {
    try {
      String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      int nul = text.indexOf('\0');
      if (nul >= 0) {
        throw new Unreadable("holds a zero byte at character " + nul + ": it is not a text file");
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new Unreadable("is not valid " + charset.name() + " text: save it as UTF-8");
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
        : String.valueOf(e.getMessage());
  }
}
