package io.rtdcs.node;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Checks the variables the packed logback.xml reads ({@code RTDCS_LOG_FORMAT}, {@code
 * RTDCS_LOG_LEVEL}, {@code RTDCS_EVENT_LOG}; a system property of the same name wins, as in
 * Logback), so a typo stops the node with the variable's name instead of silencing its logs.
 */
final class LogSettings {
  static final Set<String> FORMATS = Set.of("text", "json");
  static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogSettings() {}

  /** Throws IllegalArgumentException naming the variable when a value is not one Logback knows. */
  static void check(Map<String, String> env, Properties props) {
    String format = value("RTDCS_LOG_FORMAT", env, props);
    if (format != null && !FORMATS.contains(format)) {
      throw new IllegalArgumentException("RTDCS_LOG_FORMAT: expected text or json, got " + format);
    }
    for (String name : new String[] {"RTDCS_LOG_LEVEL", "RTDCS_EVENT_LOG"}) {
      String level = value(name, env, props);
      if (level != null && !LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            name + ": expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got " + level);
      }
    }
  }

  private static String value(String name, Map<String, String> env, Properties props) {
    String v = props.getProperty(name);
    return v != null ? v : env.get(name);
  }
}
