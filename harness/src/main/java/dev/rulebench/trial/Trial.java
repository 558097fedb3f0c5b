package dev.rulebench.trial;

import dev.rulebench.api.CellId;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.io.Hashes;
import dev.rulebench.model.InjectedFault;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.result.RunEnvironment;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;

/**
 * One training run, fully resolved and serialisable, so it can be cached by content and shipped to
 * another JVM. Languages and architectures travel as class names and are instantiated where the run
 * happens.
 *
 * @param suite the suite that asked for it (a class name), or {@code cli}
 * @param language language name
 * @param languageClass its implementation class
 * @param architecture architecture name
 * @param architectureClass its implementation class
 * @param computation how this JVM computes the architecture where that changes its numbers ({@link
 *     ModelArchitecture#computation()}); part of the cache key, not of the cell
 * @param modelConfig resolved hyperparameters
 * @param training resolved training protocol
 * @param data the data to generate
 * @param scale the scale the protocol came from
 * @param seed the seed
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 */
public record Trial(
    String suite,
    String language,
    String languageClass,
    String architecture,
    String architectureClass,
    String computation,
    TypedConfig modelConfig,
    TrainingConfig training,
    DataSpec data,
    Scale scale,
    long seed,
    String device)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  public Trial {
    computation = computation == null ? "" : computation;
  }

  /**
   * The trial a scale defines for a language and architecture, with a suite's overrides on top.
   *
   * @throws ConfigException for a seed below 1, or an unknown, mistyped or out-of-range override
   */
  public static Trial at(String suite, Language language, ModelArchitecture architecture,
      java.util.Map<String, String> modelOverrides, java.util.Map<String, String> trainingOverrides,
      Scale scale, long seed, String device) {
    if (seed <= 0) {
      throw new ConfigException("the seed must be positive, was " + seed);
    }
    DataSpec data = scale.data(language);
    TrainingConfig training = scale.training(language, language.trainingSize(data), trainingOverrides);
    TypedConfig config = architecture.configWith(modelOverrides);
    return new Trial(suite, language.name(), language.getClass().getName(), architecture.name(),
        architecture.getClass().getName(), architecture.computation(), config, training, data, scale, seed, device);
  }

  /** The same trial for another seed: the cell's resolution is done once, at discovery. */
  public Trial withSeed(long otherSeed) {
    if (otherSeed <= 0) {
      throw new ConfigException("the seed must be positive, was " + otherSeed);
    }
    return new Trial(suite, language, languageClass, architecture, architectureClass, computation, modelConfig,
        training, data, scale, otherSeed, device);
  }

  public Language newLanguage() {
    return instantiate(languageClass, Language.class);
  }

  public ModelArchitecture newArchitecture() {
    return instantiate(architectureClass, ModelArchitecture.class);
  }

  private static <T> T instantiate(String className, Class<T> type) {
    try {
      Class<?> loaded = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      return type.cast(loaded.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      throw new ConfigException(className + " is not on the class path");
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ConfigException(className + " needs a public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw new ConfigException(className + " could not be created: " + e.getCause());
    }
  }

  /** Identifies the cell (language × architecture × configuration × scale): all but the seed. */
  public String configHash() {
    return Hashes.sha256(cellText()).substring(0, 12);
  }

  /** The cell's one identity: unique ids, run files, TensorBoard and reports all name it so. */
  public CellId cellId() {
    return new CellId(language, architecture, configHash());
  }

  /** Identifies this run's result: the cell, the seed and RuleBench's version. */
  public String cacheKey() {
    // a run with an injected fault (a test's) is a different run: it never replays or resumes a real one
    String fault = InjectedFault.active().map(f -> "|fault=" + f.key()).orElse("");
    // the computation only where an architecture names one, so that other runs keep their keys
    String how = computation.isEmpty() ? "" : "|computation=" + computation;
    return Hashes.sha256(cellText() + how + "|seed=" + seed + "|rulebench=" + RunEnvironment.rulebenchVersion()
        + fault);
  }

  private String cellText() {
    return "language=" + language + "(" + languageClass + ")|data=" + data + "|architecture=" + architecture
        + "(" + architectureClass + ")|model=" + modelConfig.canonical() + "|training="
        + training.toConfig().canonical() + "|scale=" + scale.key();
  }
}
