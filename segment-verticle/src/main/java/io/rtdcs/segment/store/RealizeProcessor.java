package io.rtdcs.segment.store;

import java.util.Map;

/** One realize call: realize, expire, evaluate, store, and return the reply data. */
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
    if (command.dryRun()) {
      // the node's warm-up: the same work on an empty profile, nothing stored or replicated
      return ProfileUpdater.realize(new Profile(), command, definitions());
    }
    Profile p = entry.getValue() == null ? new Profile() : entry.getValue();
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
