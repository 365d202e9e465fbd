package io.rtdcs.common.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses an outbound call may reach, and how the allow-list opens some. */
class OutboundAddressPolicyTest {
  private static final OutboundAddressPolicy DEFAULT = OutboundAddressPolicy.DEFAULT;

  @ParameterizedTest
  @CsvSource({
    "http://169.254.169.254/latest/meta-data/, a cloud metadata address (169.254.169.254)",
    "http://[fd00:ec2::254]/latest/, a cloud metadata address (fd00:ec2:0:0:0:0:0:254)",
    "http://100.100.100.200/, a cloud metadata address (100.100.100.200)",
    "http://127.0.0.1:8090/lookup, a loopback address (127.0.0.1)",
    "http://127.8.9.10/, a loopback address (127.8.9.10)",
    "http://[::1]:8080/, a loopback address (0:0:0:0:0:0:0:1)",
    "http://localhost/, a loopback address",
    "http://169.254.1.1/, a link-local address (169.254.1.1)",
    "http://[fe80::1]/, a link-local address (fe80:0:0:0:0:0:0:1)",
    "http://[fe80::1%25eth0]/, a link-local address (fe80:0:0:0:0:0:0:1)",
    "http://10.1.2.3/, a private address (10.1.2.3)",
    "http://172.16.0.1/, a private address (172.16.0.1)",
    "http://172.31.255.255/, a private address (172.31.255.255)",
    "http://192.168.1.1/, a private address (192.168.1.1)",
    "http://[fc00::1]/, a private address (fc00:0:0:0:0:0:0:1)",
    "http://[fd12:3456::1]/, a private address (fd12:3456:0:0:0:0:0:1)",
    "http://0.0.0.0/, an unspecified address (0.0.0.0)",
    "http://[::]/, an unspecified address (0:0:0:0:0:0:0:0)",
    "http://0.1.2.3/, an unspecified address (0.1.2.3)",
    "http://100.64.0.1/, a shared (carrier-grade NAT) address (100.64.0.1)",
    "http://100.127.255.254/, a shared (carrier-grade NAT) address (100.127.255.254)",
    "http://224.0.0.1/, a multicast address (224.0.0.1)",
    "http://[ff02::1]/, a multicast address (ff02:0:0:0:0:0:0:1)",
    "http://255.255.255.255/, a reserved address (255.255.255.255)",
  })
  void everyInternalAddressClassShouldBeRefusedByDefault(String url, String reason) {
    assertThat(DEFAULT.checkUrl(url)).startsWith("resolves to " + reason);
  }

  @ParameterizedTest
  @CsvSource({
    // decimal, octal, hex and short forms of 127.0.0.1 and 169.254.169.254
    "http://2130706433/, a loopback address (127.0.0.1)",
    "http://0177.0.0.1/, a loopback address (127.0.0.1)",
    "http://0x7f.0.0.1/, a loopback address (127.0.0.1)",
    "http://0x7f000001/, a loopback address (127.0.0.1)",
    "http://127.1/, a loopback address (127.0.0.1)",
    "http://017700000001/, a loopback address (127.0.0.1)",
    "http://2852039166/, a cloud metadata address (169.254.169.254)",
    "http://0251.0376.0251.0376/, a cloud metadata address (169.254.169.254)",
    "http://169.254.43518/, a cloud metadata address (169.254.169.254)",
    // IPv6 spellings of IPv4 addresses
    "http://[::ffff:127.0.0.1]/, a loopback address (127.0.0.1)",
    "http://[::ffff:7f00:1]/, a loopback address (127.0.0.1)",
    "http://[::ffff:169.254.169.254]/, a cloud metadata address (169.254.169.254)",
    "http://[::127.0.0.1]/, \'a loopback address (0:0:0:0:0:0:7f00:1, embedding 127.0.0.1)\'",
    "http://[64:ff9b::a9fe:a9fe]/, \'a cloud metadata address (64:ff9b:0:0:0:0:a9fe:a9fe, embedding 169.254.169.254)\'",
    "http://[2002:a00:1::]/, \'a private address (2002:a00:1:0:0:0:0:0, embedding 10.0.0.1)\'",
    "http://[0:0:0:0:0:0:0:1]/, a loopback address (0:0:0:0:0:0:0:1)",
  })
  void addressesInOtherNotationsShouldBeRecognised(String url, String reason) {
    assertThat(DEFAULT.checkUrl(url)).startsWith("resolves to " + reason);
  }

  @Test
  void aPublicAddressInANonStandardNotationShouldBeRefusedAsSuch() {
    assertThat(DEFAULT.checkUrl("http://134744072/"))
        .isEqualTo(
            "host 134744072 is the IPv4 address 8.8.8.8 in a non-standard notation; write it as a"
                + " dotted quad");
    assertThat(DEFAULT.checkUrl("http://1.2.3.4.5/")).contains("not a valid address");
    assertThat(DEFAULT.checkHost("fe80::zz"))
        .isEqualTo("host fe80::zz is not a valid IPv6 address");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://8.8.8.8/x",
        "https://[2001:4860:4860::8888]/x",
        "https://partner.example/from-aam-s2s",
        "https://no-such-host.invalid/lookup?u=${UUID}&t=${TMAX}",
        "http://100.63.255.255/",
        "http://100.128.0.0/",
        "http://172.32.0.1/",
        "http://[2002:808:808::]/",
      })
  void publicAddressesAndUnknownNamesShouldPass(String url) {
    assertThat(DEFAULT.checkUrl(url)).isNull();
  }

  @Test
  void theReasonShouldSayHowToPermitTheAddress() {
    assertThat(DEFAULT.checkUrl("http://10.0.0.5:8080/lookup"))
        .isEqualTo("resolves to a private address (10.0.0.5); add it to egress.allow to permit");
    assertThat(DEFAULT.checkUrl("http://169.254.169.254/latest/meta-data/"))
        .isEqualTo(
            "resolves to a cloud metadata address (169.254.169.254); only an egress.allow entry of"
                + " exactly 169.254.169.254 permits it");
  }

  @Test
  void aCidrShouldOpenTheAddressesItCoversAndNoOthers() {
    OutboundAddressPolicy policy =
        new OutboundAddressPolicy(List.of("10.20.0.0/16", "127.0.0.1/32", "fd00:1::/32"));

    assertThat(policy.checkUrl("http://10.20.5.6/")).isNull();
    assertThat(policy.checkUrl("http://10.21.0.1/")).contains("a private address (10.21.0.1)");
    assertThat(policy.checkUrl("http://127.0.0.1:9000/")).isNull();
    assertThat(policy.checkUrl("http://2130706433/")).contains("non-standard notation");
    assertThat(policy.checkUrl("http://127.0.0.2/")).contains("a loopback address");
    assertThat(policy.checkUrl("http://[fd00:1:2::3]/")).isNull();
    assertThat(policy.checkUrl("http://[fd00:2::3]/")).contains("a private address");
    assertThat(policy.checkUrl("http://[::ffff:127.0.0.1]/")).isNull();
  }

  @Test
  void aBareAddressShouldOpenOnlyItself() {
    OutboundAddressPolicy policy = new OutboundAddressPolicy(List.of("192.168.7.7", "::1"));

    assertThat(policy.checkUrl("http://192.168.7.7/")).isNull();
    assertThat(policy.checkUrl("http://192.168.7.8/")).isNotNull();
    assertThat(policy.checkUrl("http://[::1]/")).isNull();
  }

  @Test
  void aNamedHostShouldBeAllowedWhateverPrivateAddressItResolvesTo() throws Exception {
    OutboundAddressPolicy policy = new OutboundAddressPolicy(List.of("Partner.Internal."));
    InetAddress internal = InetAddress.getByName("10.9.8.7");

    assertThat(policy.check("partner.internal", List.of(internal))).isNull();
    assertThat(policy.checkPeer("PARTNER.internal.", internal)).isNull();
    assertThat(policy.checkPeer("other.internal", internal)).contains("a private address");
    assertThat(new OutboundAddressPolicy(List.of("localhost")).checkUrl("http://localhost:1/"))
        .isNull();
  }

  @Test
  void aNameResolvingToManyAddressesShouldBeRefusedIfAnyOneIsInternal() throws Exception {
    List<InetAddress> mixed =
        List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("192.168.0.10"));

    assertThat(DEFAULT.check("rebind.example", mixed))
        .isEqualTo(
            "resolves to a private address (192.168.0.10); add it to egress.allow to permit");
  }

  @Test
  void metadataShouldStayClosedUnlessNamedExactly() throws Exception {
    InetAddress metadata = InetAddress.getByName("169.254.169.254");
    OutboundAddressPolicy broad =
        new OutboundAddressPolicy(List.of("169.254.0.0/16", "0.0.0.0/0", "metadata.internal"));

    assertThat(broad.checkUrl("http://169.254.169.254/")).contains("cloud metadata");
    assertThat(broad.checkUrl("http://169.254.1.1/")).isNull();
    assertThat(broad.checkPeer("metadata.internal", metadata)).contains("cloud metadata");
    assertThat(new OutboundAddressPolicy(List.of("169.254.169.254")).checkPeer("x", metadata))
        .isNull();
    assertThat(new OutboundAddressPolicy(List.of("169.254.169.254/32")).checkPeer("x", metadata))
        .isNull();
  }

  @Test
  void theConnectedPeerShouldBeJudgedWithoutALookup() throws Exception {
    assertThat(DEFAULT.checkPeer("partner.example", InetAddress.getByName("93.184.216.34")))
        .isNull();
    assertThat(DEFAULT.checkPeer("partner.example", InetAddress.getByName("169.254.169.254")))
        .contains("cloud metadata");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/33 | egress.allow[0]: the prefix of 10.0.0.0/33 must be 0 to 32",
        "10.0.0.0/x | egress.allow[0]: the prefix of 10.0.0.0/x must be 0 to 32",
        "host/24 | egress.allow[0]: host/24 is not a CIDR range (address/prefix)",
        "2130706433 | egress.allow[0]: 2130706433 is not a dotted-quad IPv4 address",
        "0177.0.0.1 | egress.allow[0]: 0177.0.0.1 is not a dotted-quad IPv4 address",
        "*.internal | egress.allow[0]: must be a host name, an IP address or a CIDR, got *.internal",
        "'  ' | egress.allow[0]: must be a host name, an IP address or a CIDR",
      })
  void invalidEntriesShouldFailNamingTheEntry(String entry, String message) {
    assertThatThrownBy(() -> new OutboundAddressPolicy(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void theConfigValueShouldBeAnArrayOfStrings() {
    assertThat(OutboundAddressPolicy.fromConfig(null)).isSameAs(OutboundAddressPolicy.DEFAULT);
    assertThat(OutboundAddressPolicy.fromConfig(new JsonArray().add("127.0.0.1")).allow())
        .containsExactly("127.0.0.1");
    assertThatThrownBy(() -> OutboundAddressPolicy.fromConfig("127.0.0.1"))
        .hasMessage("egress.allow: must be an array of strings");
    assertThatThrownBy(() -> OutboundAddressPolicy.fromConfig(new JsonArray().add(1)))
        .hasMessage("egress.allow[0]: must be a string");
  }
}
