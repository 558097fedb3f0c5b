package dev.rulebench.train;

/**
 * A loss became NaN, infinite or exploded past the divergence limit: the run stops, since nothing
 * after that step means anything, and is never cached.
 */
public class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Words every divergence message contains, for reports that sort failures by their message. */
  public static final String MARKER = "the run diverged";

  public TrainingDivergedException(String message) {
    super(message);
  }
}
