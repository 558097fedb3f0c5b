package dev.rulebench.spark.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Packs a directory of classes and resources into a jar, as {@code spark.jars} needs. */
final class ApplicationJar {

  private ApplicationJar() {}

  /**
   * @return the jar, in {@code into}, named after the directory's module and kind (e.g. {@code harness-classes.jar})
   */
  static Path pack(Path classes, Path into) throws IOException {
    Path module = classes.toAbsolutePath().getParent().getParent();
    Path jar = into.resolve(module.getFileName() + "-" + classes.getFileName() + ".jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      for (Path path : files) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
