package dev.rulebench.spark;

/**
 * No Spark executor was there to run a trial within the registration timeout: the master does not
 * answer, or the cluster's workers are down, cannot host an executor of the requested size, or
 * cannot reach the driver. The message names the master and what to check.
 */
public class NoSparkExecutorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NoSparkExecutorException(String message) {
    super(message);
  }

  /** The master answers, but no executor registered (or the last one is gone). */
  static NoSparkExecutorException checkTheWorkers(SparkSettings settings) {
    String driver = settings.sparkConf().getOrDefault("spark.driver.host", "this machine");
    return new NoSparkExecutorException(settings, "check the workers: that they run and are registered with this "
        + "master (its web UI lists them), have the free cores and memory an executor asks for (spark.executor.cores, "
        + "spark.executor.memory), and reach the driver at " + driver + " (spark.driver.host)");
  }

  /** Nothing accepts connections at the master's address. */
  static NoSparkExecutorException noMaster(SparkSettings settings) {
    return new NoSparkExecutorException(settings, "no master answers there: check that the master runs at that "
        + "address and that this machine reaches it");
  }

  /** Something answers at the address, but Spark could not register the application in time. */
  static NoSparkExecutorException notAccepted(SparkSettings settings) {
    return new NoSparkExecutorException(settings, "the master did not accept this application: check the master's log");
  }

  private NoSparkExecutorException(SparkSettings settings, String check) {
    this("no Spark executor registered within " + settings.registrationTimeout().toSeconds() + " s at "
        + settings.master() + "; " + check + "; or raise " + SparkSettings.REGISTRATION_TIMEOUT);
  }
}
