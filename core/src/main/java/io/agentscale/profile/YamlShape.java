package io.agentscale.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a profile file may use of YAML beyond plain mappings and values: no aliases (a value is read where it is
 * written, and an alias bomb cannot grow; an anchor nothing refers to changes nothing), and one document. Malformed YAML is left to the reader, which
 * names the line.
 */
final class YamlShape {
  private YamlShape() {}

  static List<Problem> check(ObjectMapper yaml, String text) {
    var found = new ArrayList<Problem>();
    try (var parser = (YAMLParser) yaml.createParser(text)) {
      int depth = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        String where = "line " + parser.currentLocation().getLineNr();
        if (token.isNumeric()) {
          String problem = numberProblem(parser.getText());
          if (problem != null) {
            found.add(new Problem(path(parser), problem));
          }
        }
        if (parser.isCurrentAlias()) {
          found.add(new Problem(where, "YAML aliases are not supported in profiles: write the value out instead of *"
              + parser.getText()));
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
        if (depth == 0 && parser.nextToken() != null) {
          found.add(new Problem("line " + parser.currentLocation().getLineNr(), "a second YAML document: a profile "
              + "file holds one (remove the '---' and what follows, or move it to a file of its own)"));
          break;
        }
      }
    } catch (JsonProcessingException e) {
      // malformed from here on: the reader reports it with its line, unless a problem found above explains it
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // reading a String
    }
    afterDocumentEnd(text).ifPresent(found::add);
    return List.copyOf(found);
  }

  /** Numbers are read as written only in plain decimal: no octal, hex, digit separators, exponents or NaN. */
  private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?");

  static String numberProblem(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      return "write the number in plain decimal, such as 50 or 0.8 (YAML would read '" + text + "' as something "
          + "else), got '" + text + "'";
    }
    if (text.contains(".")) {
      var written = new java.math.BigDecimal(text);
      double read = Double.parseDouble(text);
      if (Double.isInfinite(read) || written.compareTo(java.math.BigDecimal.valueOf(read)) != 0) {
        return "has more digits than a profile number holds (about 15), got '" + text + "'";
      }
    }
    return null;
  }

  /** The YAML path of the parser's current value, as problems name it: {@code agent.scaling.max_workers}. */
  private static String path(YAMLParser parser) {
    String pointer = parser.getParsingContext().pathAsPointer().toString();
    return pointer.replaceFirst("^/", "").replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
  }

  /** Text after a {@code ...} document end marker, which YAML readers drop without a word. */
  private static java.util.Optional<Problem> afterDocumentEnd(String text) {
    var lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\.\\.\\.\\s*(#.*)?")) {
        for (int j = i + 1; j < lines.size(); j++) {
          String line = lines.get(j).strip();
          if (!line.isEmpty() && !line.startsWith("#")) {
            return java.util.Optional.of(new Problem("line " + (j + 1), "text after the document end marker '...' "
                + "(line " + (i + 1) + ") would be ignored: remove the marker or what follows it"));
          }
        }
      }
    }
    return java.util.Optional.empty();
  }
}
