package dev.rulebench.engine.examples;

import dev.rulebench.api.Architecture;
import dev.rulebench.api.Grammar;
import dev.rulebench.api.RuleExtrapolation;
import dev.rulebench.api.Seeds;
import dev.rulebench.api.Training;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TrainableModel;

/**
 * Runs of unequal expected length, for the order in which several lanes are handed runs: 10 and 40
 * steps, of the n-gram counter, of an architecture whose steps are eight times as costly, and of
 * one that fails to say what its steps cost.
 */
@RuleExtrapolation(scale = "smoke")
@Grammar("aNbN")
@Architecture("ngram")
@Architecture(type = UnevenRunsSuite.Heavy.class)
@Architecture(type = UnevenRunsSuite.Unsaid.class)
@Training(set = "maxSteps=10")
@Training(set = "maxSteps=40")
@Seeds(count = 2)
public class UnevenRunsSuite {

  /** An architecture that is only discovered, never trained: a name and the cost of its steps. */
  private abstract static class Discovered implements ModelArchitecture {

    private final String name;

    Discovered(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public TypedConfig defaultConfig() {
      return TypedConfig.builder().put("order", 2).build();
    }

    @Override
    public TrainableModel create(ModelSpec spec) {
      throw new UnsupportedOperationException("only discovered");
    }
  }

  /** Declares steps eight times as costly as the n-gram counter's. */
  public static final class Heavy extends Discovered {

    public Heavy() {
      super("heavy");
    }

    @Override
    public double relativeStepCost() {
      return 8;
    }
  }

  /** Throws when asked what its steps cost. */
  public static final class Unsaid extends Discovered {

    public Unsaid() {
      super("unsaid");
    }

    @Override
    public double relativeStepCost() {
      throw new IllegalStateException("a user's architecture with a bug");
    }
  }
}
