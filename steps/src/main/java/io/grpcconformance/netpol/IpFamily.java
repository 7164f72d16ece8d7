package io.grpcconformance.netpol;

/** Which address family the fake pod IPs of the standard model use. */
public enum IpFamily {
  IPV4,
  IPV6
}
