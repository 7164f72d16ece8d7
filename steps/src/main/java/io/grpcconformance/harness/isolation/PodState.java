package io.grpcconformance.harness.isolation;

import java.util.Optional;

/**
 * The readiness of one pod as the API reports it.
 *
 * @param ready whether the pod's Ready condition is True
 * @param ip the pod IP, once assigned
 * @param summary phase and the first waiting reason, for timeout messages (e.g. {@code Pending
 *     ErrImageNeverPull})
 */
public record PodState(boolean ready, Optional<String> ip, String summary) {}
