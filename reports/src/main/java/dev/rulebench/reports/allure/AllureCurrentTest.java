package dev.rulebench.reports.allure;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Allure test case that allure-junit-platform keeps current on this thread. The only class of
 * the listener that touches Allure's API, so that {@link AllureRunListener} loads without Allure.
 */
final class AllureCurrentTest {

  private AllureCurrentTest() {}

  private static Optional<String> current() {
    return Allure.getLifecycle().getCurrentTestCase();
  }

  static boolean exists() {
    return current().isPresent();
  }

  /** Sets the labels, replacing any of the same names. */
  static void label(Map<String, String> labels) {
    current().ifPresent(uuid -> Allure.getLifecycle().updateTestCase(uuid, result -> {
      result.getLabels().removeIf(label -> labels.containsKey(label.getName()));
      labels.forEach((name, value) -> result.getLabels().add(new Label().setName(name).setValue(value)));
    }));
  }

  /** Attaches content under a name, unless the test case already has an attachment of that name. */
  static void attach(String name, String type, String extension, byte[] content) {
    Optional<String> uuid = current();
    if (uuid.isEmpty()) {
      return;
    }
    AllureLifecycle lifecycle = Allure.getLifecycle();
    Set<String> present = new HashSet<>();
    lifecycle.updateTestCase(uuid.get(), result -> result.getAttachments().forEach(a -> present.add(a.getName())));
    if (!present.contains(name)) {
      lifecycle.addAttachment(name, type, extension, content);
    }
  }
}
