package dev.rulebench.spark.cluster;

import java.io.IOException;
import java.util.Arrays;

/**
 * Starts a Spark daemon's main class and exits when standard input closes, which happens when the
 * JVM that started it ends in any way (even killed), so no test leaves a Master or Worker behind.
 * A normal exit runs the daemon's shutdown hooks: a Worker then stops its executors.
 *
 * <p>Arguments: the main class, then its arguments.
 */
public final class ExitWithParent {

  private ExitWithParent() {}

  public static void main(String[] args) throws Exception {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing is ever sent; only the end of the stream matters
        }
      } catch (IOException e) {
        // a broken pipe ends the stream too
      }
      System.exit(0);
    }, "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
    Class.forName(args[0]).getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
