package io.grpcconformance.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line describing the machine: CPU count and model (/proc/cpuinfo), kernel, load. */
public final class Machine {
  private Machine() {}

  public static String describe() {
    int cpus = 0;
    String model = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("processor")) {
          cpus++;
        } else if (line.startsWith("model name") && model.startsWith("unknown")) {
          model = line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // keep the defaults
    }
    return cpus + " CPUs (nproc), " + model + ", Linux " + firstToken("/proc/sys/kernel/osrelease")
        + ", load average at start " + firstTokens("/proc/loadavg", 3);
  }

  private static String firstToken(String file) {
    return firstTokens(file, 1);
  }

  private static String firstTokens(String file, int count) {
    try {
      List<String> tokens = List.of(Files.readString(Path.of(file)).trim().split("\\s+"));
      return String.join(" ", tokens.subList(0, Math.min(count, tokens.size())));
    } catch (IOException e) {
      return "?";
    }
  }
}
