package dev.hotpatch.operator.devtools;

import dev.hotpatch.operator.cli.ExtraCommands;
import java.util.List;

/** {@code demo} and {@code bench}: in the development jar, not in the production image. */
public final class DevelopmentCommands implements ExtraCommands {
  @Override
  public List<Object> commands() {
    return List.of(new DemoCommand(), new BenchCommand());
  }
}
