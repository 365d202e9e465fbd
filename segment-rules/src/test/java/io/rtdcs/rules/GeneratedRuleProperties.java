package io.rtdcs.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rules generated from the grammar: they parse, match like a straightforward reference evaluator of
 * the documented semantics (whatever the parentheses), and their one-token mutations still get a
 * rule or a RuleSyntaxException, nothing else.
 */
class GeneratedRuleProperties {

  sealed interface Expr permits Cmp, Not, And, Or {}

  record Cmp(String key, String op, String value) implements Expr {}

  record Not(Expr e) implements Expr {}

  record And(Expr l, Expr r) implements Expr {}

  record Or(Expr l, Expr r) implements Expr {}

  private static final List<String> KEYS = List.of("c_a", "c_b", "d_pseg_1");
  private static final List<String> VALUES = List.of("1", "2", "01", "1.0", "x", "xy", "-3");

  @Property(tries = 1500)
  void generatedRulesShouldParseAndMatchTheReferenceSemantics(
      @ForAll("exprs") Expr expr,
      @ForAll boolean fullyParenthesized,
      @ForAll boolean lowerCaseKeywords,
      @ForAll("signalMaps") Map<String, List<String>> signals) {
    String source = render(expr, 0, fullyParenthesized);
    if (lowerCaseKeywords) {
      source = source.replace(" AND ", " and ").replace(" OR ", " or ").replace("NOT ", "not ");
    }

    TraitRule rule = TraitRule.parse(source);

    assertThat(rule.matches(signals)).as(source).isEqualTo(eval(expr, signals));
  }

  @Property(tries = 1500)
  void mutatedRulesShouldParseOrFailWithASyntaxErrorOnly(
      @ForAll("exprs") Expr expr,
      @ForAll("mutations") int[] mutation,
      @ForAll("signalMaps") Map<String, List<String>> signals) {
    List<String> tokens =
        new ArrayList<>(Arrays.asList(render(expr, 0, mutation[2] == 1).split(" ")));
    int at = mutation[0] % tokens.size();
    switch (mutation[1]) {
      case 0 -> tokens.remove(at);
      case 1 -> tokens.add(at, tokens.get((at * 7 + 3) % tokens.size()));
      default -> tokens.set(at, tokens.get((at * 5 + 1) % tokens.size()));
    }
    String source = String.join(" ", tokens);
    try {
      TraitRule.parse(source).matches(signals);
    } catch (RuleSyntaxException e) {
      assertThat(e.position()).isBetween(0, source.length());
    }
  }

  @Provide
  Arbitrary<int[]> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 1))
        .as((a, b, c) -> new int[] {a, b, c});
  }

  @Provide
  Arbitrary<Expr> exprs() {
    return expr(4);
  }

  private Arbitrary<Expr> expr(int depth) {
    Arbitrary<Expr> leaf =
        Combinators.combine(
                Arbitraries.of(KEYS),
                Arbitraries.of("==", "!=", "contains", "startswith", ">=", "<"),
                Arbitraries.of(VALUES))
            .as((k, op, v) -> (Expr) new Cmp(k, op, v))
            .filter(c -> !isOrdering(((Cmp) c).op()) || Numbers.parse(((Cmp) c).value()) != null);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(1, sub.map(Not::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(And::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(Or::new)));
  }

  @Provide
  Arbitrary<Map<String, List<String>>> signalMaps() {
    return Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES).list().ofMaxSize(3))
        .ofMaxSize(3)
        .map(HashMap::new);
  }

  private static boolean isOrdering(String op) {
    return op.equals(">=") || op.equals("<");
  }

  /** Renders with the fewest parentheses precedence allows (or with parentheses everywhere). */
  static String render(Expr e, int parent, boolean full) {
    String text;
    int level;
    if (e instanceof Cmp c) {
      text = c.key() + " " + c.op() + " \"" + c.value() + "\"";
      level = 4;
    } else if (e instanceof Not n) {
      text = "NOT " + render(n.e(), 3, full);
      level = 3;
    } else if (e instanceof And a) {
      text = render(a.l(), 2, full) + " AND " + render(a.r(), 2, full);
      level = 2;
    } else {
      Or o = (Or) e;
      text = render(o.l(), 1, full) + " OR " + render(o.r(), 1, full);
      level = 1;
    }
    return (full && level < 4) || level < parent ? "( " + text + " )" : text;
  }

  /** The documented semantics, written the obvious way. */
  static boolean eval(Expr e, Map<String, List<String>> signals) {
    if (e instanceof Not n) {
      return !eval(n.e(), signals);
    }
    if (e instanceof And a) {
      return eval(a.l(), signals) && eval(a.r(), signals);
    }
    if (e instanceof Or o) {
      return eval(o.l(), signals) || eval(o.r(), signals);
    }
    Cmp c = (Cmp) e;
    List<String> values = signals.get(c.key());
    if (values == null || values.isEmpty()) {
      return false;
    }
    if (c.op().equals("!=")) {
      return values.stream().noneMatch(v -> equal(v, c.value()));
    }
    return values.stream()
        .anyMatch(
            v ->
                switch (c.op()) {
                  case "==" -> equal(v, c.value());
                  case "contains" -> v.contains(c.value());
                  case "startswith" -> v.startsWith(c.value());
                  default -> {
                    BigDecimal a = Numbers.parse(v);
                    BigDecimal b = new BigDecimal(c.value());
                    yield a != null
                        && (c.op().equals(">=") ? a.compareTo(b) >= 0 : a.compareTo(b) < 0);
                  }
                });
  }

  private static boolean equal(String v, String operand) {
    BigDecimal a = Numbers.parse(v);
    BigDecimal b = Numbers.parse(operand);
    return a != null && b != null ? a.compareTo(b) == 0 : v.equals(operand);
  }
}
