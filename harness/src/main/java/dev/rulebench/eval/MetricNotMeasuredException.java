package dev.rulebench.eval;

/** A rule metric was asked for where none of its prompts' completions finished. */
public final class MetricNotMeasuredException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public MetricNotMeasuredException(String message) {
    super(message);
  }
}
