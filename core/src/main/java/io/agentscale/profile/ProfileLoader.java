package io.agentscale.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads {@code stacks/NAME.yaml} into a {@link ScalingProfile}. Malformed YAML, unknown keys, wrong types and
 * broken rules are all reported together, each under the YAML path the user wrote.
 */
public final class ProfileLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Map<String, ProfileSchema.Field> FIELDS = ProfileSchema.FIELDS.stream()
      .collect(Collectors.toMap(ProfileSchema.Field::path, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  private static final Set<String> SECTIONS = ProfileSchema.sections();

  private ProfileLoader() {}

  /** A profile, or the problems that kept it from being one. */
  public record Result(ScalingProfile profile, List<Problem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }

    public ScalingProfile orThrow() {
      if (!valid()) {
        throw new InvalidProfileException(problems);
      }
      return profile;
    }
  }

  public static ScalingProfile load(Path file) {
    return read(file).orThrow();
  }

  /** A profile is a few kilobytes; anything this large is the wrong file (or endless, like /dev/zero). */
  static final int MAX_BYTES = 1 << 20;

  public static Result read(Path file) {
    String text;
    try {
      text = ProfileText.read(file, MAX_BYTES);
    } catch (ProfileText.Unreadable e) {
      return new Result(null, List.of(new Problem(file.toString(), e.getMessage())));
    }
    return parse(text);
  }

  public static Result parse(String yaml) {
    List<Problem> shape = YamlShape.check(YAML, yaml);
    if (!shape.isEmpty()) {
      return new Result(null, shape);
    }
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "yaml" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      return new Result(null, List.of(new Problem(where, "malformed YAML: " + oneLine(e.getOriginalMessage()))));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Result(null, List.of(new Problem("agent",
          "is required, but the file is empty; start from stacks/dental-receptionist.yaml")));
    }
    if (!root.isObject()) {
      return new Result(null, List.of(new Problem("agent",
          "is required: the file must be a mapping with an agent section, got " + describe(root))));
    }
    var reading = new Reading();
    reading.walk("", root);
    return reading.finish();
  }

  private static final class Reading {
    final List<Problem> problems = new ArrayList<>();
    final Set<String> badPaths = new HashSet<>();
    final Set<String> seen = new HashSet<>();
    final ScalingProfile.Builder builder = ScalingProfile.builder();

    void walk(String prefix, JsonNode node) {
      node.fields().forEachRemaining(e -> {
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        JsonNode value = e.getValue();
        if (SECTIONS.contains(path)) {
          if (value.isObject()) {
            walk(path, value);
          } else {
            problem(path, "must be a mapping of fields, got " + describe(value));
          }
        } else if (FIELDS.containsKey(path)) {
          seen.add(path);
          convert(FIELDS.get(path), value).ifPresent(v -> FIELDS.get(path).set().accept(builder, v));
        } else {
          problem(path, "unknown key" + suggestion(prefix, e.getKey()));
        }
      });
    }

    Optional<Object> convert(ProfileSchema.Field field, JsonNode v) {
      String path = field.path();
      if (v.isNull()) {
        problem(path, "has no value; give one or remove the key to use the default (" + field.defaultText() + ")");
        return Optional.empty();
      }
      switch (field.kind()) {
        case STRING -> {
          if (v.isTextual()) {
            return Optional.of(v.textValue());
          }
          problem(path, "must be a string" + (v.isNumber() ? " (quote it: \"" + v.asText() + "\")" : "")
              + ", got " + describe(v));
        }
        case INTEGER -> {
          if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Optional.of(v.intValue());
          }
          problem(path, v.isIntegralNumber() ? "is out of range (" + field.allowed() + "), got " + describe(v)
              : "must be a whole number, got " + describe(v));
        }
        case NUMBER -> {
          if (v.isNumber() && Double.isFinite(v.doubleValue())) {
            return Optional.of(v.doubleValue());
          }
          problem(path, v.isNumber() ? "is out of range (" + field.allowed() + "), got " + describe(v)
              : "must be a number such as 0.8, got " + describe(v));
        }
        case BOOLEAN -> {
          if (v.isBoolean()) {
            return Optional.of(v.booleanValue());
          }
          problem(path, "must be true or false, got " + describe(v));
        }
        case DURATION -> {
          return duration(path, v);
        }
        case CAPACITY_TYPE -> {
          return choice(path, v, CapacityType.class);
        }
        case CLUSTER_MODE -> {
          return choice(path, v, ClusterMode.class);
        }
        case QUANTITY -> {
          if (v.isTextual() || v.isIntegralNumber()) {
            return Optional.of(v.asText());
          }
          problem(path, "must be a quantity such as 2Gi or 500Mi, got " + describe(v));
        }
        case STRING_LIST -> {
          return items(path, v, "[python, agent.py]", (at, item) -> string(at, item));
        }
        case ARCHITECTURES -> {
          return items(path, v, "[amd64, arm64]", (at, item) -> choice(at, item, Architecture.class));
        }
        case ENV_MAP -> {
          return env(path, v);
        }
        case ENV_FROM -> {
          return items(path, v, "[{name: OPENAI_API_KEY, secret: provider-keys}]", (at, item) -> mapping(at, item,
              field.kind(), m -> new ScalingProfile.EnvSource(m.get("name"), m.get("secret"), m.get("config_map"),
                  m.get("key"), m.get("prefix"))));
        }
        case SUPPRESSIONS -> {
          return items(path, v, "[{rule: threshold-drop-rate, reason: 'load test 2026-11: 1% at 0.8'}]", (at, item) ->
              mapping(at, item, field.kind(), m -> new ScalingProfile.Suppression(m.get("rule"), m.get("reason"))));
        }
        case VOLUMES -> {
          return items(path, v, "[{name: model-cache, mount_path: /models, empty_dir: 4Gi}]", (at, item) ->
              mapping(at, item, field.kind(), m -> new ScalingProfile.Volume(m.get("name"), m.get("mount_path"),
                  m.get("empty_dir"), m.get("config_map"), m.get("secret"))));
        }
      }
      return Optional.empty();
    }

    /** A string, or a problem that says to quote a number. */
    Optional<Object> string(String path, JsonNode v) {
      if (v.isTextual()) {
        return Optional.of(v.textValue());
      }
      problem(path, "must be a string" + (v.isValueNode() && !v.isNull() ? " (quote it: \"" + v.asText() + "\")"
          : "") + ", got " + describe(v));
      return Optional.empty();
    }

    /**
     * A YAML list, each item read by {@code item} under {@code path[i]}. An item that cannot be read drops the whole
     * list, so the validator never sees indices shifted; its problems are already reported.
     */
    Optional<Object> items(String path, JsonNode v, String example,
        java.util.function.BiFunction<String, JsonNode, Optional<Object>> item) {
      if (!v.isArray()) {
        problem(path, "must be a list such as " + example + ", got " + describe(v));
        return Optional.empty();
      }
      var out = new ArrayList<Object>();
      boolean complete = true;
      for (int i = 0; i < v.size(); i++) {
        String at = path + "[" + i + "]";
        JsonNode node = v.get(i);
        Optional<Object> read = node.isNull() ? Optional.empty() : item.apply(at, node);
        if (node.isNull()) {
          problem(at, "has no value; remove the empty item");
        }
        read.ifPresent(out::add);
        complete &= read.isPresent();
      }
      return complete ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    /**
     * One mapping of a list, its keys among {@code kind}'s item keys and its values strings. A value of the wrong
     * type is reported and read as null, so the item keeps its place and the validator skips that path.
     */
    Optional<Object> mapping(String path, JsonNode v, ProfileSchema.Kind kind,
        Function<Map<String, String>, Object> build) {
      if (!v.isObject()) {
        problem(path, "must be a mapping with keys " + String.join(", ", kind.itemKeys) + ", got " + describe(v));
        return Optional.empty();
      }
      var values = new LinkedHashMap<String, String>();
      v.fields().forEachRemaining(e -> {
        String at = path + "." + e.getKey();
        if (!kind.itemKeys.contains(e.getKey())) {
          problem(at, "unknown key" + suggestionAmong(kind.itemKeys, e.getKey()));
        } else if (e.getValue().isNull()) {
          problem(at, "has no value; give one or remove the key");
        } else if (kind == ProfileSchema.Kind.VOLUMES && e.getKey().equals("empty_dir")
            && e.getValue().isIntegralNumber()) {
          values.put(e.getKey(), e.getValue().asText());
        } else {
          string(at, e.getValue()).ifPresent(s -> values.put(e.getKey(), (String) s));
        }
      });
      return Optional.of(build.apply(values));
    }

    /** The plain variables: a mapping of names to string values, in the order written. */
    Optional<Object> env(String path, JsonNode v) {
      if (!v.isObject()) {
        problem(path, "must be a mapping of NAME: value such as {LOG_LEVEL: info}, got " + describe(v));
        return Optional.empty();
      }
      var env = new LinkedHashMap<String, String>();
      boolean complete = true;
      for (var it = v.fields(); it.hasNext(); ) {
        var e = it.next();
        Optional<Object> value = string(path + "." + e.getKey(), e.getValue());
        value.ifPresent(s -> env.put(e.getKey(), (String) s));
        complete &= value.isPresent();
      }
      return complete ? Optional.of(env) : Optional.empty();
    }

    Optional<Object> duration(String path, JsonNode v) {
      String text = v.asText().trim();
      if ((v.isNumber() || v.isTextual()) && text.startsWith("-")) {
        problem(path, "must not be negative, got " + describe(v));
        return Optional.empty();
      }
      Optional<Duration> parsed = v.isIntegralNumber() || v.isTextual() ? Durations.parse(text) : Optional.empty();
      if (parsed.isEmpty()) {
        problem(path, Durations.tooLarge(text)
            ? "is too long (at most " + Durations.seconds(Durations.MAX) + "), got " + describe(v)
            : "must be a duration such as 30s, 5m or 1h30m, got " + describe(v));
      }
      return parsed.map(d -> d);
    }

    <E extends Enum<E>> Optional<Object> choice(String path, JsonNode v, Class<E> type) {
      if (v.isTextual()) {
        String wanted = v.textValue().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
          if (e.name().equals(wanted)) {
            return Optional.of(e);
          }
        }
      }
      String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
          .collect(Collectors.joining(", "));
      problem(path, "must be one of " + allowed + ", got " + describe(v));
      return Optional.empty();
    }

    void problem(String path, String message) {
      problems.add(new Problem(path, message));
      badPaths.add(path);
    }

    Result finish() {
      for (ProfileSchema.Field f : ProfileSchema.FIELDS) {
        if (f.required() && !seen.contains(f.path())) {
          problem(f.path(), "is required");
        }
      }
      ScalingProfile profile = builder.fill();
      for (Problem p : ProfileValidator.check(profile)) {
        if (!badPaths.contains(p.path())) {
          problems.add(p);
        }
      }
      return new Result(problems.isEmpty() ? profile : null, List.copyOf(problems));
    }
  }

  /** " (did you mean 'x'?)" when a sibling key is close, else the list of keys allowed here. */
  static String suggestion(String prefix, String key) {
    List<String> siblings = new ArrayList<>();
    for (String candidate : union(FIELDS.keySet(), SECTIONS)) {
      String parent = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "";
      if (parent.equals(prefix)) {
        siblings.add(candidate.substring(candidate.lastIndexOf('.') + 1));
      }
    }
    return suggestionAmong(siblings, key);
  }

  /** " (did you mean 'x'?)" when one of {@code siblings} is close to {@code key}, else the list of them. */
  static String suggestionAmong(List<String> siblings, String key) {
    Optional<String> close = siblings.stream()
        .filter(s -> Spelling.distance(s, key.toLowerCase(Locale.ROOT)) <= Math.max(2, key.length() / 3))
        .min(Comparator.comparingInt(s -> Spelling.distance(s, key.toLowerCase(Locale.ROOT))));
    if (close.isPresent()) {
      return "; did you mean '" + close.get() + "'?";
    }
    return siblings.isEmpty() ? "" : "; allowed here: " + String.join(", ", siblings);
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(b);
    all.addAll(a);
    return all;
  }

  /** SnakeYAML's message without its source excerpts and marks: "while parsing ...; expected ..." */
  static String oneLine(String message) {
    return message.lines()
        .filter(l -> !l.isBlank() && !l.startsWith(" "))
        .collect(Collectors.joining("; "));
  }

  static String describe(JsonNode v) {
    if (v.isTextual()) {
      String text = v.textValue();
      return "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return v.asText();
  }
}
