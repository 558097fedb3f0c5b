package dev.rulebench.grammar;

/**
 * OOD accuracies of a model whose completion tokens are uniform over the symbols and EOS
 * (SPEC §1.5), drawn as reference lines in the figures.
 *
 * @param oodR1 chance of rule extrapolation
 * @param oodR2Completion chance of an R2-consistent completion
 */
public record ChanceLevels(double oodR1, double oodR2Completion) {}
