package dev.rulebench.grammar;

import java.util.List;

/**
 * Generated words (without SOS and EOS).
 *
 * @param train training words
 * @param validation validation words; for the all-lengths languages the same words as train
 */
public record TrainingData(List<int[]> train, List<int[]> validation) {

  public TrainingData {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
  }
}
