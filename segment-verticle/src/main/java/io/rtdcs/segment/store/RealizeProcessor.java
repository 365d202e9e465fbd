package io.rtdcs.segment.store;

import java.util.Map;

/**
 * One realize call at the profile's owner: apply the call's {@link RuleVerdict} (the trait rules
 * were evaluated by the sender, off the partition thread), expire, qualify segments, store, and
 * return the reply data; or change nothing and return {@link RealizeResult#stale} when the verdict
 * assumed other partner answers than the profile holds.
 */
public final class RealizeProcessor extends ProfileProcessor<RealizeResult> {
  private final RealizeCommand command;

  public RealizeProcessor(RealizeCommand command) {
    super(command.now());
    this.command = command;
  }

  RealizeCommand command() {
    return command;
  }

  @Override
  public RealizeResult process(Map.Entry<String, Profile> entry) {
    Profile p = command.dryRun() || entry.getValue() == null ? new Profile() : entry.getValue();
    if (command.verdict() == null && !p.optedOut()) {
      // rules never run here, on the partition thread: the sender evaluates them (RuleVerdict)
      return RealizeResult.stale(RuleVerdict.ownerView(definitions(), p, command, now));
    }
    if (command.dryRun()) {
      // the node's warm-up: the same work on an empty profile, nothing stored or replicated
      return ProfileUpdater.realize(p, command, definitions());
    }
    RealizeResult result = ProfileUpdater.realize(p, command, definitions());
    if (result.duplicate()) {
      return result; // already held: nothing written
    }
    if (!result.optedOut()) {
      store(entry, p);
    } else if (ProfileUpdater.renewOptOut(p, now)) {
      write(entry, p); // a privacy action: never refused
    }
    return result;
  }
}
