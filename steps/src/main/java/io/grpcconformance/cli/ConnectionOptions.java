package io.grpcconformance.cli;

import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.grpc.ClientTls;
import io.grpcconformance.harness.grpc.Dial;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** How {@code reflect} connects: cleartext or TLS, the authority and the deadline. */
final class ConnectionOptions {

  /** The deadline when {@code --deadline} is not given. */
  static final String DEFAULT_DEADLINE = "5s";

  // host:port, or [ipv6]:port; the port is checked by Address.
  private static final Pattern TARGET = Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]]+)):(\\d+)");

  @Option(
      names = "--plaintext",
      description = "Cleartext HTTP/2 with prior knowledge (h2c). The default.")
  private boolean plaintext;

  @Option(
      names = "--tls",
      description = "TLS (ALPN h2); needs --cacert or --insecure, which also imply it.")
  private boolean tls;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description =
          "PEM certificate(s) to trust; the server's chain and its name (the authority) are"
              + " verified against them.")
  private Path cacert;

  @Option(
      names = "--insecure",
      description = "Accept any server certificate and name (to inspect a server; NOT SECURE).")
  private boolean insecure;

  @Option(
      names = "--authority",
      paramLabel = "NAME",
      description =
          "The :authority to send, also the TLS SNI and the name the certificate must match"
              + " (default: the target itself).")
  private String authority;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      defaultValue = DEFAULT_DEADLINE,
      converter = DurationConverter.class,
      description =
          "Deadline of each reflection exchange and of the call: 500ms, 5s, 2m or PT5S"
              + " (default: ${DEFAULT-VALUE}).")
  private Duration deadline;

  Duration deadline() {
    return deadline;
  }

  /** The authority as the server sees it: {@code --authority}, or the target itself. */
  String authorityShown(Address address) {
    return authority != null ? authority : address.toString();
  }

  /** Where and how to connect to {@code target} ({@code HOST:PORT}). */
  Dial dial(String target) {
    Address address = address(target);
    if (plaintext && (tls || cacert != null || insecure)) {
      throw CliFailure.badInput("--plaintext excludes --tls, --cacert and --insecure");
    }
    if (cacert != null && insecure) {
      throw CliFailure.badInput("--cacert and --insecure exclude each other");
    }
    if (tls && cacert == null && !insecure) {
      throw CliFailure.badInput("--tls needs --cacert FILE or --insecure");
    }
    if (authority != null && authority.isBlank()) {
      throw CliFailure.badInput("--authority is empty");
    }
    if (cacert != null) {
      return Dial.tls(address, authority, ClientTls.trusting(readCertificates(cacert)));
    }
    if (insecure) {
      return Dial.tls(address, authority, ClientTls.trustAll());
    }
    return Dial.plaintext(address, authority);
  }

  static Address address(String target) {
    Matcher m = TARGET.matcher(target);
    if (!m.matches()) {
      throw CliFailure.badInput(
          "target '" + target + "' is not HOST:PORT (IPv6 as [ADDRESS]:PORT)");
    }
    String host = m.group(1) != null ? m.group(1) : m.group(2);
    try {
      return new Address(host, Integer.parseInt(m.group(3)));
    } catch (IllegalArgumentException e) { // port out of range or too many digits
      throw CliFailure.badInput(
          "target '" + target + "': port " + m.group(3) + " is not between 1 and 65535");
    }
  }

  /** The PEM text of {@code file}, checked to hold at least one certificate. */
  private static String readCertificates(Path file) {
    String pem;
    try {
      // Latin-1 never fails to decode; only the PEM blocks matter.
      pem = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw CliFailure.badInput(
          "--cacert " + file + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw CliFailure.badInput("--cacert " + file + ": holds no PEM certificate");
    }
    try {
      if (CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1)))
          .isEmpty()) {
        throw new CertificateException("no certificate");
      }
    } catch (CertificateException e) {
      throw CliFailure.badInput("--cacert " + file + ": not a valid PEM certificate");
    }
    return pem;
  }
}
