package io.grpcconformance.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import java.util.List;

/**
 * A parsed {@code ipBlock}: an address matches when it is in {@code cidr} and in no {@code except}.
 */
record IpBlockMatcher(IpCidr cidr, List<IpCidr> except) {

  static IpBlockMatcher of(IPBlock block) {
    List<String> excepts = block.getExcept() == null ? List.of() : block.getExcept();
    return new IpBlockMatcher(
        IpCidr.parse(block.getCidr()), excepts.stream().map(IpCidr::parse).toList());
  }

  boolean matches(String ip) {
    return cidr.contains(ip) && except.stream().noneMatch(e -> e.contains(ip));
  }
}
