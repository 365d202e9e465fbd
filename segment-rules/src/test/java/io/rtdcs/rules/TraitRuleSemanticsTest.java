package io.rtdcs.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table: rule, signals ({@code k=v1|v2; k2=v}), expected match. */
class TraitRuleSemanticsTest {

  @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
  @CsvSource(
      delimiter = '~',
      textBlock =
          """
          # equality: strings, case-sensitive
          c_cat == "shoes"                 ~ c_cat=shoes                 ~ true
          c_cat == "shoes"                 ~ c_cat=Shoes                 ~ false
          c_cat == shoes                   ~ c_cat=shoes                 ~ true
          c_cat == 'shoes'                 ~ c_cat=shoes                 ~ true
          c_cat == ""                      ~ c_cat=                      ~ false
          c_cat == ""                      ~ c_cat=x|                    ~ true
          # numeric equality when both sides are numbers
          c_price == 10                    ~ c_price=10.00               ~ true
          c_price == "10"                  ~ c_price=010                 ~ true
          c_price == 10                    ~ c_price=10a                 ~ false
          c_price == 1.5                   ~ c_price=+1.50               ~ true
          c_price == -0                    ~ c_price=0                   ~ true
          c_price == 10.                   ~ c_price=10                  ~ true
          c_price == .5                    ~ c_price=0.50                ~ true
          c_price == "-"                   ~ c_price=-                   ~ true
          c_price == "."                   ~ c_price=0                   ~ false
          # !=: key present and no value equal
          c_cat != "shoes"                 ~ c_cat=hats                  ~ true
          c_cat != "shoes"                 ~ c_cat=shoes                 ~ false
          c_cat != "shoes"                 ~ c_cat=hats|shoes            ~ false
          c_cat != "shoes"                 ~ c_other=hats                ~ false
          c_cat != "shoes"                 ~ c_cat=                      ~ false
          c_price != 10                    ~ c_price=10.0                ~ false
          c_price != 10                    ~ c_price=11                  ~ true
          # ordering: numbers only
          c_price < 10                     ~ c_price=9.99                ~ true
          c_price < 10                     ~ c_price=10                  ~ false
          c_price <= 10                    ~ c_price=10                  ~ true
          c_price > 10                     ~ c_price=10.01               ~ true
          c_price > 10                     ~ c_price=10                  ~ false
          c_price >= 10                    ~ c_price=10                  ~ true
          c_price => 10                    ~ c_price=10                  ~ true
          c_price >= 10                    ~ c_price=9                   ~ false
          c_price > 10                     ~ c_price=abc                 ~ false
          c_price > -5                     ~ c_price=-4                  ~ true
          c_price > 2                      ~ c_price=10                  ~ true
          c_price < 2                      ~ c_price=10                  ~ false
          c_price > 10                     ~ c_price=3|20                ~ true
          c_price > 10                     ~ c_price=1e3                 ~ false
          # named operators, case-sensitive
          c_url contains "shoe"            ~ c_url=/shop/shoes/red       ~ true
          c_url contains "Shoe"            ~ c_url=/shop/shoes/red       ~ false
          c_url CONTAINS "shoe"            ~ c_url=/shop/shoes/red       ~ true
          c_url contains ""                ~ c_url=anything              ~ true
          c_url startswith "/shop"         ~ c_url=/shop/shoes           ~ true
          c_url startswith "shop"          ~ c_url=/shop/shoes           ~ false
          c_url endswith "shoes"           ~ c_url=/shop/shoes           ~ true
          c_url endswith "shoe"            ~ c_url=/shop/shoes           ~ false
          c_q matcheswords "red shoes"     ~ c_q=cheap shoes, red ones   ~ true
          c_q matcheswords "red shoes"     ~ c_q=red shoestring          ~ false
          c_q matcheswords "red"           ~ c_q=bored                   ~ false
          c_q matcheswords "red"           ~ c_q=Red                     ~ false
          c_q matcheswords "red"           ~ c_q=red-shoes               ~ true
          c_q matchesregex "^sho+es$"      ~ c_q=shooes                  ~ true
          c_q matchesregex "sho+es"        ~ c_q=red shoes               ~ true
          c_q matchesregex "^sho+es$"      ~ c_q=red shoes               ~ false
          c_q matchesregex "\\d{3}"        ~ c_q=ab123                   ~ true
          c_q matchesregex "\\\\d{3}"      ~ c_q=ab123                   ~ true
          # missing keys never match; multi-valued keys match if any value does
          c_cat == "shoes"                 ~ c_cat=hats|shoes            ~ true
          c_cat == "shoes"                 ~ c_dog=shoes                 ~ false
          c_cat contains ""                ~ c_dog=shoes                 ~ false
          c_price < 10                     ~ ''                          ~ false
          # groups
          (c_make=="A") AND (c_model=="B") ~ c_make=A; c_model=B         ~ true
          (c_make=="A") AND (c_model=="B") ~ c_make=A; c_model=C         ~ false
          c_a == 1 OR c_b == 1             ~ c_b=1                       ~ true
          c_a == 1 or c_b == 1             ~ c_c=1                       ~ false
          c_a == 1 AND NOT c_b == 1        ~ c_a=1                       ~ true
          c_a == 1 AND NOT c_b == 1        ~ c_a=1; c_b=1                ~ false
          NOT c_b == 1                     ~ c_a=1                       ~ true
          not not c_b == 1                 ~ c_b=1                       ~ true
          (price >= 1.00 AND price <= 100.00) ~ price=50                 ~ true
          (price >= 1.00 AND price <= 100.00) ~ price=100.01             ~ false
          # precedence: AND binds tighter than OR
          a == "1" OR b == "1" AND c == "new"   ~ a=1                    ~ true
          a == "1" OR b == "1" AND c == "new"   ~ b=1                    ~ false
          a == "1" OR b == "1" AND c == "new"   ~ b=1; c=new             ~ true
          (a == "1" OR b == "1") AND c == "new" ~ a=1                    ~ false
          (a == "1" OR b == "1") AND c == "new" ~ a=1; c=new             ~ true
          NOT a == 1 OR b == 1                  ~ a=1; b=1               ~ true
          NOT a == 1 OR b == 1                  ~ a=1                    ~ false
          NOT (a == 1 OR b == 1)                ~ b=1                    ~ false
          # keys per AAM, derived partner segments
          price-123 == 5                   ~ price-123=5                 ~ true
          h_user-agent contains "Mobile"   ~ h_user-agent=X Mobile Y     ~ true
          d_pseg_9001 == "seg-a"           ~ d_pseg_9001=seg-b|seg-a     ~ true
          a.b_c == x                       ~ a.b_c=x                     ~ true
          # quoting
          c_q == "say \\"hi\\""            ~ c_q=say "hi"                ~ true
          c_q == "a\\\\b"                 ~ c_q=a\\b                    ~ true
          """)
  void ruleShouldMatchAsDocumented(String rule, String signals, boolean expected) {
    assertThat(TraitRule.parse(rule).matches(Signals.of(signals))).isEqualTo(expected);
  }
}
