package dev.rulebench.model;

import java.nio.file.Path;

/**
 * A model being trained: one optimizer step at a time, a loss without updates, batched completion
 * of prompts, and checkpoints. Instances hold native resources: close them.
 */
public interface TrainableModel extends AutoCloseable {

  /**
   * One optimizer step on a batch.
   *
   * @param learningRate this step's rate (the schedule lives in the trainer)
   * @param step the number of steps taken before this one; with the seed it fixes dropout, so a
   *     resumed run draws the same masks
   * @return the batch loss before the update ({@code Σ weight · cross-entropy})
   */
  double trainStep(TokenBatch batch, double learningRate, long step);

  /** The loss of a batch with dropout off and no update. */
  double loss(TokenBatch batch);

  /**
   * Continues prompts of equal length (each starting with SOS) until every sequence has emitted
   * EOS or the budget is spent.
   *
   * @return for each prompt, its new tokens, ending with the first EOS if one came
   */
  int[][] complete(int[][] prompts, DecodingOptions options);

  /** Writes weights and optimizer state into a directory. */
  void saveCheckpoint(Path directory);

  /** Reads what {@link #saveCheckpoint} wrote, replacing weights and optimizer state. */
  void restoreCheckpoint(Path directory);

  ModelInfo info();

  @Override
  void close();
}
