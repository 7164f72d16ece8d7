package io.grpcconformance.gateway.dataplane.perf;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The longest stop-the-world GC pause since the last {@link #reset()}, from GC notifications.
 * Collectors that report concurrent cycles rather than pauses (ZGC "Cycles", G1 "Concurrent") are
 * skipped.
 */
final class GcPauses {
  private static final AtomicLong MAX_PAUSE_MILLIS = new AtomicLong();

  static {
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (bean.getName().contains("Cycles") || bean.getName().contains("Concurrent")) {
        continue;
      }
      ((NotificationEmitter) bean).addNotificationListener((notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
            .equals(notification.getType())) {
          long millis = GarbageCollectionNotificationInfo
              .from((CompositeData) notification.getUserData()).getGcInfo().getDuration();
          MAX_PAUSE_MILLIS.accumulateAndGet(millis, Math::max);
        }
      }, null, null);
    }
  }

  private GcPauses() {}

  static void reset() {
    MAX_PAUSE_MILLIS.set(0);
  }

  static long maxPauseMillis() {
    return MAX_PAUSE_MILLIS.get();
  }
}
