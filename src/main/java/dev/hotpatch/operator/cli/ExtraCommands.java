package dev.hotpatch.operator.cli;

import java.util.List;

/**
 * Subcommands that are not part of the production image (the demo and the benches, which need the
 * ARM simulator and a mock API server): {@link Main} adds them when a build on its classpath
 * declares them in {@code META-INF/services}.
 */
public interface ExtraCommands {
  /** picocli command objects, each annotated with its own name. */
  List<Object> commands();
}
