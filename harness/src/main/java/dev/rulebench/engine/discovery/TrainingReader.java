package dev.rulebench.engine.discovery;

import dev.rulebench.api.Training;
import dev.rulebench.config.ConfigException;
import dev.rulebench.grammar.Language;
import dev.rulebench.trial.Scale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;

/** {@code @Training} (repeatable): a variant of training overrides each, checked against every language's protocol. */
final class TrainingReader {

  private TrainingReader() {}

  /** One set of overrides per {@code @Training} (a variant each), or none: the scale's protocol. */
  static List<Map<String, String>> read(Class<?> suiteClass, SuiteProblems problems) {
    List<Training> declared = AnnotationSupport.findRepeatableAnnotations(suiteClass, Training.class);
    if (declared.isEmpty()) {
      return List.of(Map.of());
    }
    List<Map<String, String>> trainings = new ArrayList<>();
    for (Training training : declared) {
      trainings.add(training(training, problems));
    }
    return trainings;
  }

  private static Map<String, String> training(Training training, SuiteProblems problems) {
    Map<String, String> overrides = new LinkedHashMap<>();
    single("epochs", Arrays.stream(training.epochs()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("maxSteps", Arrays.stream(training.maxSteps()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("learningRate", Arrays.stream(training.learningRate()).mapToObj(String::valueOf).toList(), overrides,
        problems);
    single("batchSize", Arrays.stream(training.batchSize()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("validationInterval", Arrays.stream(training.validationInterval()).mapToObj(String::valueOf).toList(),
        overrides, problems);
    single("patience", Arrays.stream(training.patience()).mapToObj(String::valueOf).toList(), overrides, problems);
    single("decoding", Arrays.stream(training.decoding()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList(),
        overrides, problems);
    List<String> pad = new ArrayList<>();
    for (boolean value : training.lossIncludesPad()) {
      pad.add(String.valueOf(value));
    }
    single("lossIncludesPad", pad, overrides, problems);
    AnnotationValues.keyValues(training.set(), "@Training(set = …)", "set", problems).ifPresent(set -> set.forEach((key, value) -> {
      if (overrides.containsKey(key)) {
        problems.add("@Training", "'" + key + "' is given both as an attribute and in set",
            "give it once");
      } else {
        overrides.put(key, value);
      }
    }));
    return overrides;
  }

  private static void single(String key, List<String> values, Map<String, String> into, SuiteProblems problems) {
    if (values.size() > 1) {
      problems.add("@Training(" + key + " = " + values.stream().collect(Collectors.joining(", ", "{", "}")) + ")",
          "it gives " + values.size() + " values", "give one value");
    } else if (values.size() == 1) {
      into.put(key, values.get(0));
    }
  }

  /** Checks the training overrides against every language's protocol at this scale. */
  static void validate(List<Language> languages, Map<String, String> training, Scale scale,
      SuiteProblems problems) {
    if (training.isEmpty()) {
      return;
    }
    for (Language language : languages) {
      try {
        scale.training(language, language.trainingSize(scale.data(language)), training);
      } catch (ConfigException e) {
        problems.add("@Training", e.getMessage(), "use the keys and value types listed");
        return;
      }
    }
  }
}
