package dev.rulebench.engine.discovery;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;

/** JUnit's {@code @Tag} on a suite or a check. */
final class TagReader {

  private TagReader() {}

  static Set<TestTag> read(java.lang.reflect.AnnotatedElement element, TestSource source, SuiteProblems problems) {
    Set<TestTag> tags = new LinkedHashSet<>();
    for (Tag tag : AnnotationSupport.findRepeatableAnnotations(element, Tag.class)) {
      if (TestTag.isValid(tag.value())) {
        tags.add(TestTag.create(tag.value().trim()));
      } else {
        problems.add(source, "@Tag(\"" + tag.value() + "\")", "it is not a valid JUnit tag",
            "use a tag without blanks, control characters or any of , ( ) & | !");
      }
    }
    return tags;
  }
}
