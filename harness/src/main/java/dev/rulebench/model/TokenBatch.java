package dev.rulebench.model;

/**
 * Padded token sequences and a weight for every predicted position, row-major.
 *
 * <p>The model reads positions {@code 0 … length−2} of each row and predicts positions {@code 1 …
 * length−1}; the loss is {@code Σ weight · cross-entropy} over all predicted positions, so the
 * caller decides what counts (PAD or not) and how terms are normalised.
 *
 * @param rows sequences in the batch
 * @param length tokens per sequence, padding included
 * @param tokens {@code rows × length} token ids
 * @param weights {@code rows × (length − 1)} loss weights, one per target
 */
public record TokenBatch(int rows, int length, int[] tokens, float[] weights) {

  public TokenBatch {
    if (rows <= 0 || length < 2) {
      throw new IllegalArgumentException("a batch needs at least one row of two tokens");
    }
    if (tokens.length != rows * length || weights.length != rows * (length - 1)) {
      throw new IllegalArgumentException("tokens and weights do not match " + rows + " × " + length);
    }
  }

  public int token(int row, int position) {
    return tokens[row * length + position];
  }
}
