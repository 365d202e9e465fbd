package io.rtdcs.dcs;

import io.rtdcs.common.Addresses;
import io.rtdcs.contract.LookupReply;
import io.rtdcs.contract.RealizeReply;
import io.rtdcs.contract.TimedRequest;
import io.rtdcs.contract.VisitorFacts;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stand-ins for partner-verticle and segment-verticle: one consumer per contract address
 * (docs/event-bus.md) that answers the documented JSON and records what it received. A test can
 * replace an address's behaviour (fail, never reply, reply late).
 */
final class ContractStubs {
  static final String MAPPED_UUID = "11111111111111111111111111111111111111";
  static final String KNOWN_UUID = "22920112968019678612904394744954398990";
  static final JsonObject IBS =
      new JsonObject(
          "{\"id\":9001,\"tag\":\"img\",\"url\":[\"https://sync.partner.example/sync?aam=%DID%\"],"
              + "\"ttl\":20160,\"fireURLSync\":1}");
  static final JsonObject STUFF =
      new JsonObject(
          "{\"cn\":\"aam_tnt\",\"cv\":\"segs=shoe_lovers\",\"ttl\":30,\"dmn\":\".example.com\"}");
  static final JsonObject DEST =
      new JsonObject(
          "{\"id\":7002,\"y\":\"img\",\"c\":\"http://dsp.example/px?segs=5001\","
              + "\"e\":\"https://dsp.example/px?segs=5001\"}");
  static final List<String> ADDRESSES =
      List.of(
          Addresses.PROFILE_RESOLVE,
          Addresses.PARTNER_LOOKUP,
          Addresses.PROFILE_REALIZE,
          Addresses.ID_SYNC,
          Addresses.PROFILE_OPTOUT,
          Addresses.PROFILE_GET,
          Addresses.PARTNER_SYNC_POLICY,
          Addresses.ADMIN_PARTNERS,
          Addresses.ADMIN_TRAITS,
          Addresses.ADMIN_SEGMENTS,
          Addresses.ADMIN_DESTINATIONS,
          Addresses.ADMIN_MERGE_RULES,
          Addresses.CALL_HOLD,
          Addresses.CALL_RELEASE);

  /** What a stub does with one request: reply, fail, or never answer (null reply). */
  record Behaviour(Function<JsonObject, JsonObject> reply, int failCode, long delayMs) {}

  private final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();
  private final Map<String, List<Class<?>>> bodyTypes = new ConcurrentHashMap<>();
  private volatile boolean typedReplies;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> failuresLeft =
      new ConcurrentHashMap<>();
  private final Vertx vertx;

  ContractStubs(Vertx vertx) {
    this.vertx = vertx;
    for (String address : ADDRESSES) {
      received.put(address, new CopyOnWriteArrayList<>());
      bodyTypes.put(address, new CopyOnWriteArrayList<>());
      vertx.eventBus().<Object>consumer(address, m -> dispatch(address, m));
    }
    reset();
  }

  void reset() {
    received.values().forEach(List::clear);
    bodyTypes.values().forEach(List::clear);
    typedReplies = false;
    optedOut.clear();
    failuresLeft.clear();
    behaviours.clear();
    reply(Addresses.PROFILE_RESOLVE, this::resolve);
    reply(Addresses.PARTNER_LOOKUP, ContractStubs::lookup);
    reply(Addresses.PROFILE_REALIZE, ContractStubs::realize);
    reply(
        Addresses.ID_SYNC,
        req ->
            new JsonObject()
                .put("uuid", req.getString("uuid"))
                .put("optedOut", optedOut.contains(req.getString("uuid"))));
    reply(Addresses.PROFILE_OPTOUT, this::optOut);
    reply(Addresses.PARTNER_SYNC_POLICY, ContractStubs::syncPolicy);
    reply(Addresses.PROFILE_GET, req -> new JsonObject().put("uuid", req.getString("uuid")));
    reply(Addresses.CALL_HOLD, req -> new JsonObject().put("held", true));
    reply(Addresses.CALL_RELEASE, req -> new JsonObject());
    for (String admin :
        List.of(
            Addresses.ADMIN_PARTNERS,
            Addresses.ADMIN_TRAITS,
            Addresses.ADMIN_SEGMENTS,
            Addresses.ADMIN_DESTINATIONS,
            Addresses.ADMIN_MERGE_RULES)) {
      reply(admin, ContractStubs::admin);
    }
  }

  void reply(String address, Function<JsonObject, JsonObject> reply) {
    behaviours.put(address, new Behaviour(reply, 0, 0));
  }

  void fail(String address, int code) {
    behaviours.put(address, new Behaviour(null, code, 0));
  }

  /** The next {@code n} requests to {@code address} fail with {@code code}, then as before. */
  void failFirst(String address, int n, int code) {
    failuresLeft.put(address, new java.util.concurrent.atomic.AtomicInteger(n));
    failCodes.put(address, code);
  }

  private final Map<String, Integer> failCodes = new ConcurrentHashMap<>();

  void silent(String address) {
    behaviours.put(address, new Behaviour(null, 0, -1));
  }

  void slow(String address, long delayMs) {
    Behaviour current = behaviours.get(address);
    behaviours.put(address, new Behaviour(current.reply(), 0, delayMs));
  }

  /** The classes of the bodies {@code address} received, in order. */
  List<Class<?>> bodyTypes(String address) {
    return bodyTypes.get(address);
  }

  /** Resolve, lookup and realize reply with the contract's records, as rtdcs's verticles do. */
  void replyTyped() {
    typedReplies = true;
  }

  private Object typed(String address, JsonObject reply) {
    if (!typedReplies) {
      return reply;
    }
    return switch (address) {
      case Addresses.PROFILE_RESOLVE -> VisitorFacts.of(reply);
      case Addresses.PARTNER_LOOKUP -> LookupReply.of(reply);
      case Addresses.PROFILE_REALIZE -> RealizeReply.of(reply);
      default -> reply;
    };
  }

  List<JsonObject> received(String address) {
    return received.get(address);
  }

  int totalReceived() {
    return received.values().stream().mapToInt(List::size).sum();
  }

  /**
   * A request's JSON form: the dcs verticle sends resolve, lookup and realize typed (a stub reads
   * them as an implementation in another language would get them), the rest as JSON.
   */
  private static JsonObject json(Object body) {
    if (body instanceof TimedRequest<?> typed) {
      return typed.toJson();
    }
    return (JsonObject) body;
  }

  private void dispatch(String address, Message<Object> message) {
    JsonObject body = json(message.body());
    received.get(address).add(body.copy());
    bodyTypes.get(address).add(message.body().getClass());
    java.util.concurrent.atomic.AtomicInteger left = failuresLeft.get(address);
    if (left != null && left.getAndDecrement() > 0) {
      int code = failCodes.get(address);
      message.fail(code, "stub failure " + code);
      return;
    }
    Behaviour b = behaviours.get(address);
    if (b.delayMs() < 0) {
      return;
    }
    if (b.reply() == null) {
      message.fail(b.failCode(), "stub failure " + b.failCode());
      return;
    }
    Object reply = typed(address, b.reply().apply(body));
    if (b.delayMs() > 0) {
      vertx.setTimer(b.delayMs(), t -> message.reply(reply));
    } else {
      message.reply(reply);
    }
  }

  private JsonObject resolve(JsonObject req) {
    String uuid = req.getString("uuid");
    JsonArray declared = req.getJsonArray("declaredIds", new JsonArray());
    JsonObject reply = new JsonObject();
    if (uuid != null) {
      reply.put("uuid", uuid);
    } else if (!declared.isEmpty()) {
      reply.put("uuid", MAPPED_UUID);
    }
    String effective = reply.getString("uuid");
    return reply
        .put("known", effective != null)
        .put("optedOut", effective != null && optedOut.contains(effective))
        .put("syncedIds", new JsonObject())
        .put("partnerCache", new JsonObject());
  }

  private static JsonObject lookup(JsonObject req) {
    JsonArray outcomes = new JsonArray();
    outcomes.add(
        new JsonObject()
            .put("dpid", 9001)
            .put("outcome", "ok")
            .put("segments", new JsonArray().add("auto-intender"))
            .put("ttlSeconds", 600)
            .put("latencyMs", 3));
    return new JsonObject().put("outcomes", outcomes).put("ibs", new JsonArray().add(IBS.copy()));
  }

  private static JsonObject realize(JsonObject req) {
    JsonArray traits = new JsonArray().add(1001).add(2001);
    JsonArray unknown = new JsonArray();
    for (Object sid : req.getJsonArray("sids", new JsonArray())) {
      if (((Integer) sid) == 9999) {
        unknown.add(sid);
      } else {
        traits.add(sid);
      }
    }
    JsonObject reply =
        new JsonObject()
            .put("uuid", req.getString("uuid"))
            .put("traits", traits)
            .put("realized", traits.copy())
            .put("segments", new JsonArray().add(5001))
            .put("stuff", new JsonArray().add(STUFF.copy()))
            .put("unknownSids", unknown);
    if (req.getJsonObject("destinations").getBoolean("url")) {
      reply.put("dests", new JsonArray().add(DEST.copy()));
    }
    return reply;
  }

  private JsonObject optOut(JsonObject req) {
    JsonArray out = new JsonArray();
    String uuid = req.getString("uuid");
    if (uuid != null) {
      optedOut.add(uuid);
      out.add(uuid);
    }
    if (!req.getJsonArray("declaredIds", new JsonArray()).isEmpty()) {
      optedOut.add(MAPPED_UUID);
      out.add(MAPPED_UUID);
    }
    return new JsonObject().put("optedOut", out);
  }

  private static JsonObject syncPolicy(JsonObject req) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("https?://([^/:?#]+).*").matcher(req.getString("redir"));
    String host = m.matches() ? m.group(1) : null;
    boolean known = req.getInteger("dpid") == 9001;
    return new JsonObject()
        .put("known", known)
        .put("allowed", known && "sync.partner.example".equals(host));
  }

  private static JsonObject admin(JsonObject req) {
    return switch (req.getString("op")) {
      case "list" -> new JsonObject().put("items", new JsonArray(new ArrayList<>()));
      case "delete" -> new JsonObject().put("deleted", req.getInteger("id"));
      case "put" -> req.getJsonObject("definition");
      default -> new JsonObject().put("id", req.getInteger("id"));
    };
  }
}
