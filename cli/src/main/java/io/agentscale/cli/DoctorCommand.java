package io.agentscale.cli;

import io.agentscale.metrics.MetricsDoctor;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agentscale doctor --metrics-url URL [PROFILE] [--prometheus-url URL]}: is the scaling metric readable? */
@Command(name = "doctor", description = "Check a live worker's metrics endpoint the way the scaling pipeline reads "
    + "it; with --prometheus-url, also run the adapter's query and show what the HPA would do.")
final class DoctorCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "PROFILE", defaultValue = "stacks/dental-receptionist.yaml",
      description = "the profile (metric name, namespace, HPA; default: ${DEFAULT-VALUE})")
  Path profile;

  @Option(names = "--metrics-url", required = true, paramLabel = "URL",
      description = "the worker's metrics endpoint, such as http://127.0.0.1:9090/metrics")
  URI metricsUrl;

  @Option(names = "--prometheus-url", paramLabel = "URL",
      description = "a Prometheus that scrapes the workers, such as http://127.0.0.1:9091")
  URI prometheusUrl;

  @Override
  public Integer call() throws InterruptedException {
    var checked = Profiles.check(profile);
    if (!checked.valid()) {
      checked.print(System.err);
      return 1;
    }
    if (metricsUrl.getScheme() == null || !metricsUrl.getScheme().startsWith("http")) {
      System.err.println("doctor: --metrics-url must be an http:// URL, such as http://127.0.0.1:9090/metrics");
      return 2;
    }
    var diagnosis = new MetricsDoctor(checked.profile()).examine(metricsUrl, prometheusUrl);
    System.out.print(diagnosis.text());
    return diagnosis.healthy() ? 0 : 1;
  }
}
