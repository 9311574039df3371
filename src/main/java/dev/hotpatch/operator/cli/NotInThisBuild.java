package dev.hotpatch.operator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * What {@code demo} and {@code bench} answer in the production image, which leaves them out: one
 * line naming the build that has them, instead of picocli's "unmatched argument".
 */
@Command(hidden = true)
final class NotInThisBuild implements Callable<Integer> {
  static final int EXIT_CODE = 2;

  private final String name;

  @Unmatched private List<String> ignored;

  NotInThisBuild(String name) {
    this.name = name;
  }

  @Override
  public Integer call() {
    System.err.printf(
        "hotpatch-operator: '%s' is not in the production image; it runs from the development"
            + " jar, target/hotpatch-operator.jar (see the README).%n",
        name);
    return EXIT_CODE;
  }
}
