package dev.rulebench.it.toy;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.model.ModelArchitecture;
import dev.rulebench.model.ModelSpec;
import dev.rulebench.model.TrainableModel;
import java.lang.reflect.Field;

/**
 * {@code crashing}: kills the JVM as a native library can, when a model is built. With
 * {@code how=segfault} it writes to address 0 (a real SIGSEGV, as a crash inside TensorFlow's
 * native code would be); with {@code how=exit} it calls {@code System.exit(3)}.
 */
public final class CrashingArchitecture implements ModelArchitecture {

  @Override
  public String name() {
    return "crashing";
  }

  @Override
  public TypedConfig defaultConfig() {
    return TypedConfig.builder().put("how", "segfault").build();
  }

  @Override
  public TrainableModel create(ModelSpec spec) {
    if (spec.config().stringValue("how").equals("exit")) {
      System.exit(3);
    }
    try {
      Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Object unsafe = field.get(null);
      unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 42L);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not crash: " + e, e);
    }
    throw new IllegalStateException("the write to address 0 did not crash the JVM");
  }
}
