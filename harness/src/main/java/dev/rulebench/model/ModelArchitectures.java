package dev.rulebench.model;

import dev.rulebench.config.NamedServices;

/** Finds the model architectures on the class path (those of rulebench-models-tf and any user's). */
public final class ModelArchitectures {

  private ModelArchitectures() {}

  public static NamedServices<ModelArchitecture> load(ClassLoader loader) {
    return NamedServices.load(ModelArchitecture.class, ModelArchitecture::name, "architecture",
        "no model architecture is on the class path: add the dependency dev.rulebench:rulebench-models-tf",
        loader);
  }

  public static NamedServices<ModelArchitecture> load() {
    return load(Thread.currentThread().getContextClassLoader());
  }
}
