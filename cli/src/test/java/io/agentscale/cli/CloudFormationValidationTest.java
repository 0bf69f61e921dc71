package io.agentscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;

/**
 * aws-cdk-lib's CloudFormation validation (CDK_VALIDATION), off in the edit loop for its cost, runs here once: the
 * way a user runs it before a deploy, and against a template it must reject. cdk.json sets
 * {@code @aws-cdk/core:validateAgainstDefaultRules}, so a violation fails the synth instead of printing a warning.
 */
class CloudFormationValidationTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyBundledStackPassesWithCdkSynthAsUsersTypeIt(@TempDir Path dir) throws Exception {
    var pb = new ProcessBuilder(List.of("npx", "--no-install", "cdk", "synth", "--quiet", "-o", dir.toString()))
        .redirectErrorStream(true);
    pb.environment().put("CDK_VALIDATION", "true");
    String output = run(pb);

    JsonNode report = JSON.readTree(dir.resolve("validation-report.json").toFile()); // written only when it ran
    assertThat(report.path("pluginReports").findValues("violations")).as(output)
        .allSatisfy(violations -> assertThat(violations).isEmpty());
    for (String name : new String[] {"dental-receptionist", "pizza-orders", "crisis-hotline"}) {
      var ids = new java.util.ArrayList<String>();
      JSON.readTree(dir.resolve(name + "-agents.template.json").toFile()).path("Resources").fieldNames()
          .forEachRemaining(ids::add);
      assertThat(ids).as(name).anyMatch(id -> id.startsWith("NodePoolZone1"));
    }
    assertThat(JSON.readTree(dir.resolve("voice-agents-cluster.template.json").toFile()).path("Resources")
        .toString()).contains("AWS::EKS::Cluster");
  }

  @Test
  void aTemplateOutsideTheResourceSchemaFailsTheSynth(@TempDir Path dir) throws Exception {
    String classpath = "cli/target/test-classes:cli/target/classes:"
        + Files.readString(Path.of("cli/target/classpath.txt")).strip();
    var pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, BrokenNodegroup.class.getName(), dir.toString())).redirectErrorStream(true);
    pb.environment().put("CDK_VALIDATION", "true");
    pb.environment().put("CDK_CONTEXT_JSON", JSON.readTree(Path.of("cdk.json").toFile()).get("context").toString());
    var process = pb.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isNotZero();
    assertThat(output).contains("MinSize: 'lots' is not of type 'integer'");
  }

  private static String run(ProcessBuilder pb) throws Exception {
    var process = pb.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** A node group whose scaling size is a word: schema-invalid, though it synthesizes without validation. */
  public static final class BrokenNodegroup {
    public static void main(String[] args) {
      var app = new App(AppProps.builder().outdir(args[0]).build());
      var stack = new Stack(app, "Broken");
      CfnResource.Builder.create(stack, "Nodegroup").type("AWS::EKS::Nodegroup")
          .properties(java.util.Map.of("ClusterName", "agents", "NodeRole", "arn:aws:iam::123456789012:role/nodes",
              "Subnets", List.of("subnet-1"), "ScalingConfig", java.util.Map.of("MinSize", "lots")))
          .build();
      app.synth();
    }
  }
}
