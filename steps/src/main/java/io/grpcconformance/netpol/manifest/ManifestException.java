package io.grpcconformance.netpol.manifest;

import java.util.List;

/**
 * A manifests folder that cannot be analysed; each error is one line naming file, document and
 * field.
 */
public final class ManifestException extends Exception {

  private final transient List<String> errors;

  /** A failure with one line per problem found. */
  public ManifestException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  /** One line per problem. */
  public List<String> errors() {
    return errors;
  }
}
