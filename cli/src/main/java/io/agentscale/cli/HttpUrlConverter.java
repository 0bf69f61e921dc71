package io.agentscale.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An http:// or https:// URL with a host and a valid port, or a one-line reason why not. */
final class HttpUrlConverter implements ITypeConverter<URI> {
  @Override
  public URI convert(String value) {
    String quoted = "\"" + value + "\"";
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new TypeConversionException(quoted + " is not a URL (" + e.getReason().toLowerCase(Locale.ROOT)
          + "); write http://HOST:PORT/PATH");
    }
    if (uri.getScheme() == null || uri.isOpaque()) { // "host:9090" reads as scheme "host"
      throw new TypeConversionException(quoted + " has no scheme; write http://" + value);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new TypeConversionException(quoted + ": the scheme \"" + uri.getScheme() + "\" is not supported; use "
          + "http:// or https://");
    }
    if (uri.getHost() == null) {
      String authority = uri.getRawAuthority();
      int colon = authority == null ? -1 : authority.lastIndexOf(':');
      if (colon >= 0 && !authority.endsWith("]")) {
        throw new TypeConversionException(quoted + ": port \"" + authority.substring(colon + 1) + "\" is not a "
            + "number from 1 to 65535");
      }
      throw new TypeConversionException(quoted + " has no valid host; write http://HOST:PORT/PATH");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new TypeConversionException(quoted + ": port " + uri.getPort() + " is not between 1 and 65535");
    }
    return uri;
  }
}
