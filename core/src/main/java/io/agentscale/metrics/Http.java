package io.agentscale.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one kind of request {@code doctor} makes: a GET with a connect timeout, a deadline for the whole answer (a
 * server that sends its body slowly cannot hold it longer) and a limit on the body's size. Failures say what happened
 * in one line: refused, unknown host, no answer in time, too large.
 */
final class Http {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
  /** A worker's /metrics is a few KiB and a namespace's query result rarely above 1 MiB. */
  static final int MAX_BODY_BYTES = 8 << 20;

  enum Kind { REFUSED, UNKNOWN_HOST, TIMEOUT, TOO_LARGE, TLS, OTHER }

  /** Why a request failed; the message is one line that names the URL. */
  static final class Failure extends IOException {
    final Kind kind;

    Failure(Kind kind, String message) {
      super(message);
      this.kind = kind;
    }
  }

  record Response(int status, String contentType, String body) {}

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  Response get(URI url) throws Failure, InterruptedException {
    var request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT).GET().build();
    CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, info -> limited(url));
    try {
      var r = answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse("none"), r.body());
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new Failure(Kind.TIMEOUT, "no complete answer from " + url + " within " + ANSWER_TIMEOUT.toSeconds()
          + " s");
    } catch (ExecutionException e) {
      throw failure(url, e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
  }

  private static Failure failure(URI url, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) { // a failed lookup is a ConnectException caused by it
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return new Failure(Kind.UNKNOWN_HOST, "cannot resolve host \"" + url.getHost() + "\" (DNS)");
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Failure f) {
        return f;
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new Failure(Kind.TIMEOUT, "no connection to " + url.getHost() + ":" + port(url) + " within "
            + CONNECT_TIMEOUT.toSeconds() + " s");
      }
      if (t instanceof HttpTimeoutException) {
        return new Failure(Kind.TIMEOUT, "no answer from " + url + " within " + ANSWER_TIMEOUT.toSeconds() + " s");
      }
      if (t instanceof SSLException) {
        return new Failure(Kind.TLS, "TLS failed with " + url.getHost() + ":" + port(url) + ": " + t.getMessage());
      }
      if (t instanceof ConnectException) {
        return new Failure(Kind.REFUSED, "cannot connect to " + url + " (connection refused)");
      }
    }
    return new Failure(Kind.OTHER, "cannot read " + url + ": " + (e.getMessage() == null ? e : e.getMessage()));
  }

  static int port(URI url) {
    return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
  }

  /** Collects the body as UTF-8 text and gives up, cancelling the download, past {@link #MAX_BODY_BYTES}. */
  private static HttpResponse.BodySubscriber<String> limited(URI url) {
    return new HttpResponse.BodySubscriber<>() {
      private final CompletableFuture<String> body = new CompletableFuture<>();
      private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
          return; // over the limit already: the rest is dropped
        }
        for (ByteBuffer b : buffers) {
          if (bytes.size() + b.remaining() > MAX_BODY_BYTES) {
            subscription.cancel();
            body.completeExceptionally(new Failure(Kind.TOO_LARGE, "the answer from " + url + " is larger than "
                + (MAX_BODY_BYTES >> 20) + " MiB"));
            return;
          }
          byte[] chunk = new byte[b.remaining()];
          b.get(chunk);
          bytes.writeBytes(chunk);
        }
      }

      @Override
      public void onError(Throwable e) {
        body.completeExceptionally(e);
      }

      @Override
      public void onComplete() {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
      }

      @Override
      public CompletionStage<String> getBody() {
        return body;
      }
    };
  }
}
