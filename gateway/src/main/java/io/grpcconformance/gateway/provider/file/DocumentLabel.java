package io.grpcconformance.gateway.provider.file;

/**
 * How a problem line names a document: {@code FILE document N (Kind namespace/name)}, with the
 * kind and name only once they are known. A namespaced object without a namespace is shown in
 * {@code default}, where it will be placed.
 */
final class DocumentLabel {
  private final String file;
  private final int index;
  private String kind;
  private String namespace;
  private String name;
  private boolean clusterScoped;

  DocumentLabel(String file, int index) {
    this.file = file;
    this.index = index;
  }

  void known(String kind, String namespace, String name) {
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
  }

  void scoped(boolean clusterScoped) {
    this.clusterScoped = clusterScoped;
    if (!clusterScoped && namespace == null) {
      namespace = ManifestParser.DEFAULT_NAMESPACE;
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file).append(" document ").append(index);
    if (kind != null || name != null) {
      s.append(" (").append(kind == null ? "?" : kind);
      if (name != null) {
        s.append(' ');
        if (namespace != null && !clusterScoped) {
          s.append(namespace).append('/');
        }
        s.append(name);
      }
      s.append(')');
    }
    return s.toString();
  }
}
