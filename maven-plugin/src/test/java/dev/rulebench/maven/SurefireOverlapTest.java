package dev.rulebench.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurefireOverlapTest {

  @TempDir
  Path testClasses;

  /** A class file whose constant pool names the suite annotation, or not. */
  private void classFile(String path, boolean suite) throws Exception {
    Path file = testClasses.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, ("\u00ca\u00fe\u00ba\u00be...RuntimeVisibleAnnotations..." + (suite
        ? "Ldev/rulebench/api/RuleExtrapolation;" : "Lorg/junit/jupiter/api/Test;") + "...")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void surefiresIncludesMatchingASuiteAreFound() throws Exception {
    classFile("com/example/ANbNSuite.class", true);
    classFile("com/example/ANbNSuite$Inner.class", true);
    classFile("com/example/LanguageTest.class", false);
    classFile("com/example/DyckTest.class", true);
    classFile("TopSuite.class", true);

    // the README's Surefire set-up for suites, which the plugin makes unnecessary
    assertThat(SurefireOverlap.suitesSurefireWouldRun(testClasses, List.of("**/*Suite.java")))
        .containsExactly("TopSuite", "com.example.ANbNSuite");
    // Surefire's defaults reach a suite named like a test, and never a plain unit test
    assertThat(SurefireOverlap.suitesSurefireWouldRun(testClasses, List.of("**/Test*.java", "**/*Test.java")))
        .containsExactly("com.example.DyckTest");
    // class-file patterns too; regular expressions are not interpreted
    assertThat(SurefireOverlap.suitesSurefireWouldRun(testClasses, List.of("**/*Suite.class")))
        .contains("com.example.ANbNSuite");
    assertThat(SurefireOverlap.suitesSurefireWouldRun(testClasses, List.of("%regex[.*Suite.*]"))).isEmpty();
    assertThat(SurefireOverlap.suitesSurefireWouldRun(testClasses.resolve("absent"), List.of("**/*"))).isEmpty();
  }
}
