package io.rtdcs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VisitorIdsTest {
  private static final long NOW = 1_796_000_123_456L;

  @Test
  void aMintedUuidShouldBe38DigitsAndCarryItsMintingSecond() {
    String uuid = VisitorIds.mint(new Random(1), NOW);
    assertThat(uuid).hasSize(38).matches("[1-9][0-9]{37}");
    assertThat(VisitorIds.mintedAtMillis(uuid)).isEqualTo(1_796_000_123_000L);
  }

  @Test
  void mintedUuidsShouldBeDistinctWithEveryRandomDigitTakingEveryValue() {
    Random random = new Random(4);
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Set<Character> first = new java.util.HashSet<>();
    java.util.List<java.util.Set<Character>> byPosition = new java.util.ArrayList<>();
    for (int p = 12; p < 38; p++) {
      byPosition.add(new java.util.HashSet<>());
    }
    for (int i = 0; i < 10_000; i++) {
      String uuid = VisitorIds.mint(random, NOW);
      seen.add(uuid);
      first.add(uuid.charAt(0));
      for (int p = 12; p < 38; p++) {
        byPosition.get(p - 12).add(uuid.charAt(p));
      }
    }
    assertThat(seen).hasSize(10_000);
    assertThat(first).hasSize(9).doesNotContain('0');
    assertThat(byPosition).allSatisfy(digits -> assertThat(digits).hasSize(10));
  }

  @Test
  void onlyAUuidMintedWithinTheWindowShouldCountAsJustMinted() {
    String uuid = VisitorIds.mint(new Random(2), NOW);
    assertThat(VisitorIds.mintedWithin(uuid, NOW + 20, 999)).isTrue();
    assertThat(VisitorIds.mintedWithin(uuid, NOW + 1_000, 999)).isFalse();
    assertThat(VisitorIds.mintedWithin(uuid, NOW - 5_000, 999)).as("a clock far behind").isFalse();
    assertThat(VisitorIds.mintedWithin("12345", NOW, 999)).isFalse();
    assertThat(VisitorIds.mintedWithin("1234567890123456789012345678901234567x", NOW, 999))
        .isFalse();
  }

  @Test
  void aUuidMintedElsewhereShouldAlmostNeverLookJustMinted() {
    Random random = new Random(3);
    int justMinted = 0;
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder().append((char) ('1' + random.nextInt(9)));
      for (int d = 1; d < 38; d++) {
        b.append((char) ('0' + random.nextInt(10)));
      }
      if (VisitorIds.mintedWithin(b.toString(), NOW, 999)) {
        justMinted++;
      }
    }
    assertThat(justMinted).isZero();
  }
}
