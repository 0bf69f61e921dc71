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
      return List.of(); // malformed: reported by the reader with its line
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // reading a String
    }
    return List.copyOf(found);
  }
}
