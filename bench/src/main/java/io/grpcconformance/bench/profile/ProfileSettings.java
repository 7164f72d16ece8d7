package io.grpcconformance.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JFR settings for profiling the gateway: the JDK's {@code profile.jfc} with Java execution
 * sampled every millisecond instead of every 10 ms, so that a short benchmark window (on a
 * machine shared with other work) still yields thousands of samples.
 */
public final class ProfileSettings {
  private static final String SAMPLING = "control=\"method-sampling-java-interval\">";

  private ProfileSettings() {}

  /** Writes {@code bench-profile.jfc} into {@code dir} and returns its path. */
  public static Path write(Path dir) throws IOException {
    Path source = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
    String settings = Files.readString(source);
    int at = settings.indexOf(SAMPLING);
    if (at < 0) {
      throw new IOException("no Java sampling interval in " + source);
    }
    int end = settings.indexOf('<', at);
    settings = settings.substring(0, at + SAMPLING.length()) + "1 ms" + settings.substring(end);
    Files.createDirectories(dir);
    Path target = dir.resolve("bench-profile.jfc");
    Files.writeString(target, settings);
    return target;
  }
}
