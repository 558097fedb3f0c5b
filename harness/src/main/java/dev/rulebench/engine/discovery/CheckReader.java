package dev.rulebench.engine.discovery;

import dev.rulebench.api.Check;
import dev.rulebench.suite.CheckMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** {@code @Check} methods: one parameter, {@code RunResult} (per seed) or {@code CellResult} (per cell). */
final class CheckReader {

  private CheckReader() {}

  static List<CheckMethod> read(Class<?> suiteClass, SuiteProblems problems) {
    List<Method> methods = ReflectionSupport.findMethods(suiteClass,
        m -> AnnotationSupport.isAnnotated(m, Check.class), HierarchyTraversalMode.TOP_DOWN);
    List<CheckMethod> checks = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    boolean needsInstance = false;
    for (Method method : methods) {
      String text = "@Check " + method.getName() + "(" + Arrays.stream(method.getParameterTypes())
          .map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
      Optional<CheckMethod.Scope> scope = Arrays.stream(CheckMethod.Scope.values())
          .filter(s -> method.getParameterCount() == 1 && method.getParameterTypes()[0] == s.parameterType())
          .findFirst();
      if (scope.isEmpty()) {
        problems.add(MethodSource.from(suiteClass, method), text, "a check takes exactly one parameter of type"
            + " RunResult or CellResult", "declare it as " + method.getName() + "(RunResult run) to check each seed,"
            + " or " + method.getName() + "(CellResult cell) to check a cell across its seeds");
        continue;
      }
      if (!names.add(method.getName())) {
        problems.add(MethodSource.from(suiteClass, method), text, "another check is named " + method.getName(),
            "give every check method its own name");
        continue;
      }
      needsInstance |= !Modifier.isStatic(method.getModifiers());
      String displayName = AnnotationSupport.findAnnotation(method, Check.class).map(Check::value)
          .filter(v -> !v.isBlank()).orElse(method.getName());
      checks.add(new CheckMethod(method, scope.get(), displayName, TagReader.read(method, MethodSource.from(suiteClass, method),
          problems), checks.size()));
    }
    if (needsInstance && !hasNoArgumentConstructor(suiteClass)) {
      problems.add("@Check", "its checks are instance methods but the class has no constructor without parameters",
          "add one, or make the check methods static");
    }
    return checks;
  }

  private static boolean hasNoArgumentConstructor(Class<?> type) {
    return Arrays.stream(type.getDeclaredConstructors()).anyMatch(c -> c.getParameterCount() == 0);
  }
}
