package io.grpcconformance.gateway.provider.file;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.grpcconformance.gateway.provider.Snapshots;
import io.grpcconformance.gateway.provider.file.ManifestParser.Located;
import io.grpcconformance.gateway.runtime.SnapshotSource;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Standalone mode's {@link SnapshotSource}: every {@code *.yaml} and {@code *.yml} file directly in
 * a folder (hidden files skipped), each document read on its own by {@link ManifestParser}.
 *
 * <p>Watching: a {@link WatchService} triggers a rescan after a short debounce (editors write a
 * file in several steps), and a periodic rescan catches anything the watch missed (network file
 * systems, overflow). A rescan re-reads a file only when its mtime or size changed, or on watch
 * events, and re-parses it only when its content hash changed; problems are logged when a file is
 * parsed, so an unchanged bad file is reported once.
 *
 * <p>Threading: all scanning runs on one scheduler thread; the watch loop runs on its own thread
 * and only schedules scans. {@link #snapshot()} returns a volatile, immutable snapshot.
 */
public final class ManifestFolderSource implements SnapshotSource {
  private static final Logger LOG = Logger.getLogger(ManifestFolderSource.class.getName());

  private final Path dir;
  private final Duration debounce;
  private final Duration rescanInterval;
  private final boolean useWatchService;
  private final ManifestFiles files;
  private final StandaloneMetadata metadata;
  private final ScheduledExecutorService scheduler;
  private volatile GatewaySnapshot snapshot = GatewaySnapshot.EMPTY;
  private volatile Runnable changed = () -> {};
  private WatchService watchService;
  private Thread watchThread;
  private ScheduledFuture<?> pendingWatchScan; // scheduler thread only

  /**
   * @param dir the manifests folder; must exist
   * @param debounce how long after a file event the folder is rescanned
   * @param rescanInterval how often the folder is rescanned regardless of events
   */
  public ManifestFolderSource(Path dir, Duration debounce, Duration rescanInterval) {
    this(dir, debounce, rescanInterval, true, Clock.systemUTC());
  }

  ManifestFolderSource(
      Path dir, Duration debounce, Duration rescanInterval, boolean useWatchService, Clock clock) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.debounce = Objects.requireNonNull(debounce, "debounce");
    this.rescanInterval = Objects.requireNonNull(rescanInterval, "rescanInterval");
    this.useWatchService = useWatchService;
    this.files = new ManifestFiles(dir);
    this.metadata = new StandaloneMetadata(clock);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "manifests-scan");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start(Runnable changed) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("manifests folder does not exist or is not a folder: " + dir);
    }
    runOnScanThread(() -> scan(true));
    this.changed = Objects.requireNonNull(changed, "changed");
    changed.run(); // the initial snapshot, even when the folder is empty
    if (useWatchService) {
      watchService = dir.getFileSystem().newWatchService();
      dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
      watchThread = new Thread(this::watchLoop, "manifests-watch");
      watchThread.setDaemon(true);
      watchThread.start();
    }
    long every = rescanInterval.toMillis();
    scheduler.scheduleWithFixedDelay(() -> scan(false), every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public GatewaySnapshot snapshot() {
    return snapshot;
  }

  /** Rescans the folder now, comparing contents, and signals before returning if it changed. */
  @Override
  public void refresh() {
    runOnScanThread(() -> scan(true));
  }

  private void watchLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        var key = watchService.take();
        key.pollEvents(); // which file does not matter: the scan compares every file
        key.reset();
        scheduler.execute(this::scheduleWatchScan);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  /** Debounce: each event pushes the scan back, so a burst of writes causes one scan. */
  private void scheduleWatchScan() {
    if (pendingWatchScan != null) {
      pendingWatchScan.cancel(false);
    }
    pendingWatchScan =
        scheduler.schedule(() -> scan(true), debounce.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void scan(boolean compareContents) {
    try {
      if (!files.rescan(compareContents)) {
        return;
      }
      // Files in name order, documents in file order; the first object of a kind/name wins.
      Map<String, Located> objects = new LinkedHashMap<>();
      for (Located located : files.objects()) {
        String key = Snapshots.describe(located.object());
        Located first = objects.putIfAbsent(key, located);
        if (first != null && files.changedInLastScan(located.file())) {
          LOG.warning(located.origin() + " (" + key + "): duplicate of " + first.origin()
              + "; ignored");
        }
      }
      List<HasMetadata> list = new ArrayList<>();
      for (Located located : objects.values()) {
        if (files.changedInLastScan(located.file())) {
          metadata.fill(located.object());
        }
        list.add(located.object());
      }
      metadata.retain(objects.keySet());
      snapshot = Snapshots.of(list);
      changed.run();
    } catch (RuntimeException e) {
      LOG.warning("manifests folder " + dir + ": scan failed: " + e);
    }
  }

  private void runOnScanThread(Runnable task) {
    try {
      scheduler.submit(task).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("manifests scan failed", e.getCause());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    if (watchThread != null) {
      watchThread.interrupt();
    }
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException e) {
        LOG.fine("closing watch service: " + e);
      }
    }
  }
}
