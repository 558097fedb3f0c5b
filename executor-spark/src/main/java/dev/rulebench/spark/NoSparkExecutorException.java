package dev.rulebench.spark;

/**
 * No Spark executor was there to run a trial within the registration timeout: the cluster's
 * workers are down, cannot host an executor of the requested size, or cannot reach the driver.
 */
public class NoSparkExecutorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NoSparkExecutorException(String message) {
    super(message);
  }
}
