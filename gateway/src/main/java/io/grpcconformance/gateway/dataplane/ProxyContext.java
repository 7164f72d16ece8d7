package io.grpcconformance.gateway.dataplane;

import io.grpcconformance.gateway.routing.RandomSource;
import io.grpcconformance.gateway.routing.RoutingTable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every call handler of one data plane shares.
 *
 * @param table the current routing table; read exactly once per call (see {@link DataPlane})
 * @param config data plane settings
 * @param channels pooled backend channels and round-robin positions
 * @param http1 the HTTP/1.1 backend client
 * @param random weighted backend choice
 * @param loops the event loops every port server and backend channel runs on
 */
record ProxyContext(AtomicReference<RoutingTable> table, DataPlaneConfig config,
    BackendChannels channels, Http1Backend http1, RandomSource random, EventLoops loops) {}
