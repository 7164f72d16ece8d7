package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.grpcconformance.gateway.translate.TranslatorConfig;
import java.util.List;
import java.util.Map;

/**
 * Decides which Ingresses this gateway serves, as ingress-nginx's class check does (store.go):
 * the legacy {@code kubernetes.io/ingress.class} annotation wins when present, else {@code
 * spec.ingressClassName}; an Ingress with neither is served only when a default IngressClass is
 * ours (Kubernetes "Default IngressClass": {@code ingressclass.kubernetes.io/is-default-class}).
 */
final class IngressClassFilter {
  static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

  private final List<String> classNames;
  private final String controllerName;
  private final List<IngressClass> ingressClasses;

  IngressClassFilter(TranslatorConfig config, List<IngressClass> ingressClasses) {
    this.classNames = config.ingressClasses();
    this.controllerName = config.controllerName();
    this.ingressClasses = ingressClasses;
  }

  boolean isServed(Ingress ingress) {
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    String annotated = annotations == null ? null : annotations.get(CLASS_ANNOTATION);
    if (annotated != null && !annotated.isBlank()) {
      return isOurs(annotated.trim());
    }
    String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
    if (className != null && !className.isBlank()) {
      return isOurs(className);
    }
    return ingressClasses.stream()
        .filter(IngressClassFilter::isDefaultClass)
        .anyMatch(c -> isOurs(c.getMetadata().getName()));
  }

  /**
   * A class is ours when its name is configured ({@code --ingress-class}), or when the IngressClass
   * of that name names our controller in {@code spec.controller}.
   */
  private boolean isOurs(String className) {
    if (classNames.contains(className)) {
      return true;
    }
    return ingressClasses.stream()
        .filter(c -> className.equals(c.getMetadata().getName()))
        .anyMatch(c -> c.getSpec() != null && controllerName.equals(c.getSpec().getController()));
  }

  private static boolean isDefaultClass(IngressClass ingressClass) {
    Map<String, String> annotations = ingressClass.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(DEFAULT_CLASS_ANNOTATION));
  }
}
