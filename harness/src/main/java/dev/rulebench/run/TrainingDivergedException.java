package dev.rulebench.run;

/** The loss became NaN or infinite: the run stops, since nothing after that step means anything. */
public class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
