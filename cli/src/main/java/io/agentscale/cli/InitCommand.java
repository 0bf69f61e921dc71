package io.agentscale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.agentscale.profile.ProfileLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.UserError;
import io.agentscale.synth.AtomicFolder;

/**
 * {@code agentscale init [DIR]}: makes a team's repository use agentscale. Writes a starter profile, a
 * {@code cdk.json} and a {@code cdk8s.yaml} that run this installed agentscale on that folder's profiles, a
 * {@code package.json} pinning the CDK and cdk8s CLIs, and a {@code .gitignore} for the outputs. Refuses to overwrite
 * any file; writes all of them or none.
 */
@Command(name = "init", description = "Set up a repository of your own: stacks/NAME.yaml, cdk.json, cdk8s.yaml, "
    + "package.json and .gitignore, all running this agentscale on that folder's profiles.")
final class InitCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "the repository (default: here)")
  Path dir;

  @Option(names = "--name", defaultValue = "my-agent", paramLabel = "NAME",
      description = "the starter profile's agent.name (default: my-agent)")
  String name;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (name.isBlank()) {
      throw new UserError("--name needs the agent's name, such as table-booking");
    }
    Path home = Install.home();
    var files = new LinkedHashMap<Path, String>();
    String profile = resource("starter.yaml").replace("NAME", name);
    var checked = ProfileLoader.parse(profile);
    if (!checked.valid()) {
      throw new UserError("--name '" + name + "' cannot name an agent: " + checked.problems().get(0).message()
          .replace("got '" + name + "'", "").trim());
    }
    files.put(Path.of("stacks", name + ".yaml"), profile);
    files.put(Path.of("cdk.json"), cdkJson(home));
    files.put(Path.of("cdk8s.yaml"), cdk8sYaml(home));
    files.put(Path.of("package.json"), packageJson(home));
    files.put(Path.of(".gitignore"), resource("gitignore"));
    writeAllOrNone(files);
    var out = spec.commandLine().getOut();
    files.keySet().forEach(f -> out.println("wrote " + dir.resolve(f).normalize()));
    out.println("""
        next, in %s:
          edit stacks/%s.yaml (image, sizes); agentscale validate stacks/%s.yaml
          agentscale synth                 # every stacks/*.yaml into dist/
          npm install                      # the pinned cdk and cdk8s CLIs, for:
          npx cdk synth   /  npx cdk deploy --all
          npx cdk8s synth                  # into cdk8s.out/""".formatted(dir.toAbsolutePath().normalize(), name, name));
    out.flush();
    return 0;
  }

  /** cdk.json: this checkout's feature flags, with the app started by this installed agentscale. */
  private String cdkJson(Path home) throws IOException {
    ObjectNode ours = (ObjectNode) JSON.readTree(home.resolve("cdk.json").toFile());
    ours.put("app", "AGENTSCALE_MAIN=io.agentscale.cli.CdkMain " + shellQuoted(home.resolve("agentscale")));
    return JSON.writeValueAsString(ours) + "\n";
  }

  private String cdk8sYaml(Path home) throws IOException {
    var config = new LinkedHashMap<String, Object>();
    config.put("language", "java");
    config.put("app", "AGENTSCALE_MAIN=io.agentscale.cli.Cdk8sMain " + shellQuoted(home.resolve("agentscale")));
    config.put("output", "cdk8s.out"); // cdk8s empties its output folder; agentscale synth's dist/ stays apart
    return "# npx cdk8s synth: every stacks/*.yaml of this folder to cdk8s.out/ (agentscale synth writes dist/).\n"
        + YAML.writeValueAsString(config);
  }

  /** package.json: the CDK and cdk8s CLIs at the versions this agentscale is tested with. */
  private String packageJson(Path home) throws IOException {
    var ours = JSON.readTree(home.resolve("package.json").toFile()).get("devDependencies");
    var pkg = new LinkedHashMap<String, Object>();
    pkg.put("name", name + "-agents");
    pkg.put("private", true);
    pkg.put("devDependencies", Map.of("aws-cdk", ours.get("aws-cdk").asText(),
        "cdk8s-cli", ours.get("cdk8s-cli").asText()));
    return JSON.writeValueAsString(pkg) + "\n";
  }

  private void writeAllOrNone(Map<Path, String> files) throws IOException {
    for (Path f : files.keySet()) {
      if (Files.exists(dir.resolve(f))) {
        throw new UserError(dir.resolve(f).normalize() + " already exists: nothing written (move it away, or "
            + "init another folder)");
      }
    }
    var written = new ArrayList<Path>();
    try {
      for (var file : files.entrySet()) {
        Path target = dir.resolve(file.getKey());
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".init-", ".tmp");
        try {
          Files.writeString(temp, file.getValue(), StandardCharsets.UTF_8);
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          written.add(target);
        } finally {
          Files.deleteIfExists(temp);
        }
      }
    } catch (IOException e) {
      for (Path f : written) {
        Files.deleteIfExists(f);
      }
      throw new UserError("cannot write in " + dir.toAbsolutePath().normalize() + " (" + AtomicFolder.reason(e)
          + "): nothing written");
    }
  }

  static String shellQuoted(Path path) {
    return "'" + path.toAbsolutePath().normalize().toString().replace("'", "'\\''") + "'";
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = InitCommand.class.getResourceAsStream("init/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
