package io.grpcconformance.harness.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a pinned upstream manifest comes from: an http(s) URL, or a local file for air-gapped users.
 *
 * @param location the URL or file path
 * @param property the setting that chose it, named in errors (e.g. {@code conformance.calico.manifest})
 */
public record ManifestSource(String location, String property) {

  /** True for http:// and https:// locations. */
  public boolean isUrl() {
    return location.startsWith("http://") || location.startsWith("https://");
  }

  /** Reads the manifest text; failures are one line naming the location and the fix. */
  public String read(Duration timeout) {
    if (!isUrl()) {
      Path file = Path.of(location);
      if (!Files.isRegularFile(file)) {
        throw new ManifestException(property + ": file '" + location + "' not found (fix: download it, or unset "
            + property + " to use the pinned URL)");
      }
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ManifestException(property + ": cannot read '" + location + "': " + e.getMessage(), e);
      }
    }
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL) // GitHub release assets redirect to a CDN
        .build();
    try {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create(location)).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new ManifestException(property + ": GET " + location + " answered " + response.statusCode()
            + " (fix: check the version, or set -D" + property + "=FILE)");
      }
      return response.body();
    } catch (IOException e) {
      throw new ManifestException(property + ": cannot download " + location + ": " + e.getMessage()
          + " (fix: download it elsewhere and set -D" + property + "=FILE)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ManifestException(property + ": interrupted while downloading " + location, e);
    }
  }
}
