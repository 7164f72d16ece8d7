package io.grpcconformance.netpol;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block such as {@code 172.17.0.0/16} or {@code fd00::/8}.
 *
 * <p>Host bits may be set ({@code 10.1.2.3/4}): like Go's {@code net.ParseCIDR}, which the API
 * server uses, the block is the masked network. Upstream e2e relies on this ("podIP/4").
 */
public final class IpCidr {

  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private final String text;
  private final int bits;
  private final int prefix;
  private final BigInteger network;

  private IpCidr(String text, int bits, int prefix, BigInteger address) {
    this.text = text;
    this.bits = bits;
    this.prefix = prefix;
    this.network = address.and(mask(bits, prefix));
  }

  /**
   * Parses {@code address/prefix}.
   *
   * @throws IllegalArgumentException with a one-line reason when the text is not a CIDR
   */
  public static IpCidr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty CIDR");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a CIDR (missing /prefix)");
    }
    String addressText = text.substring(0, slash);
    String prefixText = text.substring(slash + 1);
    byte[] address;
    try {
      address = parseAddress(addressText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a CIDR: " + e.getMessage());
    }
    int bits = address.length * 8;
    int prefix;
    try {
      prefix = Integer.parseInt(prefixText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
    }
    if (prefix < 0 || prefix > bits || !prefixText.matches("0|[1-9][0-9]*")) {
      throw new IllegalArgumentException(
          "'" + text + "' has prefix length " + prefixText + ", outside 0-" + bits);
    }
    return new IpCidr(text, bits, prefix, new BigInteger(1, address));
  }

  /**
   * Parses a bare IP literal (never a host name: no DNS lookup happens).
   *
   * @throws IllegalArgumentException when the text is not an IPv4 or IPv6 literal
   */
  public static byte[] parseAddress(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty IP address");
    }
    if (IPV4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        out[i] = (byte) octet;
      }
      return out;
    }
    // Only colon forms reach InetAddress, so it parses a literal and never resolves a name.
    if (text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
      try {
        InetAddress parsed = InetAddress.getByName(text);
        if (parsed instanceof Inet6Address) {
          return parsed.getAddress();
        }
        if (parsed instanceof Inet4Address) {
          throw new IllegalArgumentException(
              "'" + text + "' is an IPv4-mapped IPv6 address; write the IPv4 form");
        }
      } catch (UnknownHostException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an IP address");
  }

  /**
   * Whether {@code ip} (a literal) lies in this block; an address of the other family never does.
   */
  public boolean contains(String ip) {
    byte[] address = parseAddress(ip);
    if (address.length * 8 != bits) {
      return false;
    }
    return new BigInteger(1, address).and(mask(bits, prefix)).equals(network);
  }

  /**
   * Whether {@code other} is a strict subset of this block (same family, longer prefix, inside).
   */
  public boolean strictlyContains(IpCidr other) {
    return other.bits == bits
        && other.prefix > prefix
        && other.network.and(mask(bits, prefix)).equals(network);
  }

  /** The prefix length. */
  public int prefix() {
    return prefix;
  }

  /** Whether this is an IPv6 block. */
  public boolean isIpv6() {
    return bits == 128;
  }

  private static BigInteger mask(int bits, int prefix) {
    BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    BigInteger host = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    return all.xor(host);
  }

  @Override
  public String toString() {
    return text;
  }
}
