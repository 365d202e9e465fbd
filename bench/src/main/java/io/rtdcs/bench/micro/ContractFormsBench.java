package io.rtdcs.bench.micro;

import io.rtdcs.common.SharedJsonCodec;
import io.rtdcs.contract.Contract;
import io.rtdcs.contract.DeclaredIdentity;
import io.rtdcs.contract.LookupOutcome;
import io.rtdcs.contract.RealizeRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a realize request costs its sender and receiver besides the event bus itself, in its JSON
 * form (built as a {@code JsonObject}, read back field by field with the contract's checks) and in
 * its typed form (built as the record, checked), on local delivery and across the cluster (encoded
 * and decoded: Vert.x's JSON text against the binary form). Run: {@code java -jar
 * bench/target/rtdcs-bench.jar -f 1 -wi 3 -i 5 -w 1s -r 1s ContractFormsBench -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ContractFormsBench {
  private final SharedJsonCodec json = new SharedJsonCodec();

  /** A realize as the dcs verticle builds it: six signals, a declared ID, three partner answers. */
  static RealizeRequest realize() {
    Map<String, List<String>> signals = new LinkedHashMap<>();
    for (String k :
        new String[] {"c_category", "c_brand", "c_price", "c_url", "h_referer", "h_user-agent"}) {
      signals.put(k, List.of("value-of-" + k, "second"));
    }
    List<LookupOutcome> partners = new ArrayList<>();
    for (int dpid = 9001; dpid <= 9003; dpid++) {
      partners.add(
          new LookupOutcome(dpid, "ok", List.of("auto-intender", "shoes-buyer"), 600, 12, null));
    }
    return new RealizeRequest(
        "31ZpxW5bQGc=",
        40,
        "22920112968019678612904394744954398990",
        signals,
        List.of(3001),
        List.of(),
        List.of(new DeclaredIdentity(777, "crm-1", 1, true)),
        partners,
        false,
        "https",
        0,
        List.of(),
        false,
        false);
  }

  @Benchmark
  public RealizeRequest localJson() {
    JsonObject body = realize().toJson();
    return RealizeRequest.of(body);
  }

  @Benchmark
  public RealizeRequest localTyped() {
    return RealizeRequest.of(realize());
  }

  @Benchmark
  public RealizeRequest wireJson() {
    Buffer buffer = Buffer.buffer();
    json.encodeToWire(buffer, realize().toJson());
    return RealizeRequest.of(json.decodeFromWire(0, buffer));
  }

  @Benchmark
  public RealizeRequest wireBinary() {
    Buffer buffer = Contract.REALIZE_REQUEST.encode(realize());
    return RealizeRequest.of(Contract.REALIZE_REQUEST.decode(buffer));
  }
}
