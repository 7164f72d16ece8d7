package io.grpcconformance.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpCidrTest {

  @Test
  void ipv4ContainmentAndEdges() {
    IpCidr cidr = IpCidr.parse("172.17.0.0/16");
    assertThat(cidr.contains("172.17.0.0")).isTrue();
    assertThat(cidr.contains("172.17.255.255")).isTrue();
    assertThat(cidr.contains("172.18.0.0")).isFalse();
    assertThat(cidr.contains("172.16.255.255")).isFalse();
    assertThat(IpCidr.parse("0.0.0.0/0").contains("255.255.255.255")).isTrue();
    assertThat(IpCidr.parse("10.0.0.7/32").contains("10.0.0.7")).isTrue();
    assertThat(IpCidr.parse("10.0.0.7/32").contains("10.0.0.8")).isFalse();
  }

  @Test
  void hostBitsAreMaskedLikeGoParseCidr() {
    IpCidr cidr = IpCidr.parse("172.17.0.10/4");
    assertThat(cidr.contains("160.0.0.0")).isTrue();
    assertThat(cidr.contains("175.255.255.255")).isTrue();
    assertThat(cidr.contains("176.0.0.0")).isFalse();
    assertThat(cidr.contains("10.0.0.1")).isFalse();
  }

  @Test
  void ipv6ContainmentAndFamilies() {
    IpCidr cidr = IpCidr.parse("fd00:172:17::/48");
    assertThat(cidr.isIpv6()).isTrue();
    assertThat(cidr.contains("fd00:172:17:1::11")).isTrue();
    assertThat(cidr.contains("fd00:172:18::1")).isFalse();
    assertThat(cidr.contains("172.17.0.1")).as("other family").isFalse();
    assertThat(IpCidr.parse("10.0.0.0/8").contains("fd00::1")).isFalse();
    assertThat(IpCidr.parse("::/0").contains("fd00::1")).isTrue();
  }

  @Test
  void strictSubset() {
    IpCidr cidr = IpCidr.parse("172.17.0.0/16");
    assertThat(cidr.strictlyContains(IpCidr.parse("172.17.1.0/24"))).isTrue();
    assertThat(cidr.strictlyContains(IpCidr.parse("172.17.0.0/16"))).isFalse();
    assertThat(cidr.strictlyContains(IpCidr.parse("172.18.1.0/24"))).isFalse();
    assertThat(cidr.strictlyContains(IpCidr.parse("172.0.0.0/8"))).isFalse();
    assertThat(cidr.strictlyContains(IpCidr.parse("fd00::/64"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10.0.0.0",
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.0/x",
        "10.0.0.256/8",
        "010.0.0.0/8",
        "10.0.0/8",
        "fd00::/129",
        "1:2/64",
        "localhost/32",
        "example.com/8",
        "::ffff:10.0.0.1/120",
        "10.0.0.0/08"
      })
  void invalidCidrsAreRefusedWithoutDnsLookups(String text) {
    assertThatThrownBy(() -> IpCidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
