package dev.rulebench.grammar;

/**
 * How much training data a language generates.
 *
 * @param maxLength the longest word (256 in the papers); sequences are padded to maxLength + 2
 * @param trainSize number of training words for sampled languages
 * @param validationSize number of validation words for sampled languages
 * @param allLengths for aⁿbⁿ and aⁿbⁿcⁿ: one word for every n (the papers' default) instead of
 *     trainSize words with n drawn uniformly
 */
public record DataSpec(int maxLength, int trainSize, int validationSize, boolean allLengths)
    implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  public DataSpec {
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be at least 2, was " + maxLength);
    }
    if (trainSize <= 0 || validationSize <= 0) {
      throw new IllegalArgumentException("data set sizes must be positive");
    }
  }

  /** Positions of a padded sequence: SOS + maxLength symbols + EOS. */
  public int sequenceLength() {
    return maxLength + 2;
  }

  public DataSpec withMaxLength(int newMaxLength) {
    return new DataSpec(newMaxLength, trainSize, validationSize, allLengths);
  }

  public DataSpec withSizes(int newTrainSize, int newValidationSize) {
    return new DataSpec(maxLength, newTrainSize, newValidationSize, allLengths);
  }
}
