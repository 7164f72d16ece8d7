package io.grpcconformance.gateway.provider.file;

import io.grpcconformance.gateway.provider.file.ManifestParser.Located;
import io.grpcconformance.gateway.provider.file.ManifestParser.Parsed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The manifest files of one folder and what each yielded, kept between scans so only changed files
 * are parsed again. Confined to the folder source's scan thread.
 */
final class ManifestFiles {
  private static final Logger LOG = Logger.getLogger(ManifestFolderSource.class.getName());

  private record FileState(long modified, long size, byte[] hash, Parsed parsed) {}

  private final Path dir;
  private final Map<Path, FileState> states = new TreeMap<>();
  private Set<String> changedInLastScan = Set.of();

  ManifestFiles(Path dir) {
    this.dir = dir;
  }

  /**
   * Looks at every manifest file; returns whether any was added, removed or changed. With
   * {@code compareContents} false, files whose mtime and size are unchanged are not read.
   */
  boolean rescan(boolean compareContents) {
    List<Path> present;
    try (Stream<Path> list = Files.list(dir)) {
      present = list.filter(ManifestFiles::isManifest).sorted().toList();
    } catch (IOException e) {
      LOG.warning("manifests folder " + dir + ": cannot list: " + e.getClass().getSimpleName());
      return false;
    }
    Set<String> changed = new HashSet<>();
    for (Path file : present) {
      if (update(file, compareContents)) {
        changed.add(label(file));
      }
    }
    for (Path gone : new ArrayList<>(states.keySet())) {
      if (!present.contains(gone)) {
        states.remove(gone);
        changed.add(label(gone));
        LOG.info(label(gone) + ": removed");
      }
    }
    changedInLastScan = Set.copyOf(changed);
    return !changed.isEmpty();
  }

  /** Every object read, files in name order, documents in file order. */
  List<Located> objects() {
    List<Located> all = new ArrayList<>();
    states.values().forEach(s -> all.addAll(s.parsed().objects()));
    return all;
  }

  /** Whether {@code file} (as labelled in problem lines) was parsed or removed by the last scan. */
  boolean changedInLastScan(String file) {
    return changedInLastScan.contains(file);
  }

  private boolean update(Path file, boolean compareContents) {
    FileState before = states.get(file);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      long modified = attributes.lastModifiedTime().toMillis();
      long size = attributes.size();
      if (before != null && !compareContents
          && before.modified() == modified && before.size() == size) {
        return false;
      }
      byte[] content = Files.readAllBytes(file);
      byte[] hash = sha256(content);
      if (before != null && MessageDigest.isEqual(before.hash(), hash)) {
        states.put(file, new FileState(modified, size, hash, before.parsed()));
        return false;
      }
      Parsed parsed =
          ManifestParser.parse(label(file), new String(content, StandardCharsets.UTF_8));
      for (String problem : parsed.problems()) {
        LOG.warning(problem);
      }
      LOG.info(label(file) + ": " + parsed.objects().size() + " object(s) read, "
          + parsed.problems().size() + " document(s) ignored");
      states.put(file, new FileState(modified, size, hash, parsed));
      return true;
    } catch (IOException e) {
      // Keep what was read before (the file may be mid-write); the next scan retries.
      LOG.warning(label(file) + ": cannot read: " + e.getClass().getSimpleName());
      return false;
    }
  }

  private static boolean isManifest(Path path) {
    String name = path.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"))
        && Files.isRegularFile(path);
  }

  private static String label(Path file) {
    return file.toString();
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
