package io.agentscale.cli;

import io.agentscale.metrics.MetricsDoctor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.agentscale.synth.CheckedProfile;

/**
 * {@code agentscale doctor PROFILE --metrics-url URL [--expect N] [--prometheus-url URL]}: is the scaling metric
 * readable, and does it move when calls arrive?
 */
@Command(name = "doctor", description = "Check a live worker's metrics endpoint the way the scaling pipeline reads "
    + "it and compare it with LiveKit's /worker; with --expect N, wait while you place N test calls and fail unless "
    + "the gauge reaches N; with --prometheus-url, also run the adapter's query and show what the HPA would do.")
final class DoctorCommand implements Callable<Integer> {
  @Mixin Printing printing;

  @Mixin ProfileArgument profile;

  @Option(names = "--metrics-url", required = true, paramLabel = "URL", converter = HttpUrlConverter.class,
      description = "the worker's metrics endpoint, such as http://127.0.0.1:9090/metrics")
  URI metricsUrl;

  @Option(names = "--worker-url", paramLabel = "URL", converter = HttpUrlConverter.class,
      description = "LiveKit's /worker (active jobs) to compare with the gauge; skipped where unreachable "
          + "(default: the metrics host, the profile's kubernetes.health_port, /worker)")
  URI workerUrl;

  @Option(names = "--prometheus-url", paramLabel = "URL", converter = HttpUrlConverter.class,
      description = "a Prometheus that scrapes the workers, such as http://127.0.0.1:9091")
  URI prometheusUrl;

  @Option(names = "--expect", paramLabel = "N",
      description = "wait while you place N test calls to this worker; fail unless the gauge (and, with "
          + "--prometheus-url, the adapter's query) reaches N")
  Integer expect;

  @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class, defaultValue = "120s",
      description = "how long --expect waits (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    if (expect != null && expect < 1) {
      printing.err().println("doctor: --expect must be at least 1, got " + expect);
      return 2;
    }
    if (timeout.isZero()) {
      printing.err().println("doctor: --timeout must be longer than 0s");
      return 2;
    }
    var checked = profile.check();
    if (!checked.valid()) {
      checked.print(printing.err());
      return 1;
    }
    URI worker = workerUrl != null ? workerUrl : URI.create(metricsUrl.getScheme() + "://"
        + hostForUrl(metricsUrl.getHost()) + ":" + checked.profile().kubernetes().healthPort() + "/worker");
    var request = new MetricsDoctor.Request(metricsUrl, prometheusUrl, worker, expect, timeout);
    var diagnosis = new MetricsDoctor(checked.profile(), printing.err()).examine(request);
    printing.out().print(diagnosis.text());
    return diagnosis.healthy() ? 0 : 1;
  }

  /** An IPv6 literal keeps its brackets in a URL. */
  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
