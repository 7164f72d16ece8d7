package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpcconformance.netpol.PolicyProblem;
import io.grpcconformance.netpol.PolicyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads NetworkPolicies written against the model (namespaces {@code x}, {@code y}, {@code z}):
 * multi-document YAML, {@code ${ip:<ns>/<pod>}} placeholders replaced by the pod's IP (so ipBlock
 * policies can name pods whose IPs are only known once deployed), a missing namespace defaulted,
 * unknown fields and invalid policies refused with the source, document and field named.
 */
public final class PolicyText {

  private static final Pattern IP = Pattern.compile("\\$\\{ip:([a-z0-9-]+/[a-z0-9-]+)}");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private PolicyText() {}

  /**
   * Parses {@code yaml}.
   *
   * @param source names the text in errors (a file name, or "scenario text")
   * @param ips model pod key → IP, for {@code ${ip:x/a}}
   * @param defaultNamespace the model namespace of policies that name none
   * @throws IllegalArgumentException with every problem, one per line
   */
  public static List<NetworkPolicy> parse(
      String source, String yaml, Map<String, String> ips, String defaultNamespace) {
    List<String> errors = new ArrayList<>();
    String text = substitute(source, yaml, ips, errors);
    List<NetworkPolicy> policies = new ArrayList<>();
    int number = 0;
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        number++;
        String at = source + " document " + number;
        if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
          continue; // an empty document, e.g. after a trailing '---'
        }
        if (!doc.isObject()) {
          errors.add(at + ": not a Kubernetes object (a YAML mapping with kind and apiVersion)");
          continue;
        }
        String kind = doc.path("kind").asString("");
        String apiVersion = doc.path("apiVersion").asString("");
        if (!kind.equals("NetworkPolicy") || !apiVersion.equals("networking.k8s.io/v1")) {
          errors.add(
              at + ": kind/apiVersion: expected networking.k8s.io/v1 NetworkPolicy, got "
                  + apiVersion + " " + kind);
          continue;
        }
        NetworkPolicy policy;
        try {
          policy = KUBERNETES.convertValue(doc, NetworkPolicy.class);
        } catch (IllegalArgumentException e) {
          errors.add(at + ": cannot read: " + firstLine(e.getMessage()));
          continue;
        }
        String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
        String what = at + " (NetworkPolicy " + (name == null ? "<unnamed>" : name) + ")";
        UnknownFields.of(policy).forEach(f -> errors.add(what + ": " + f + ": unknown field"));
        for (PolicyProblem problem : PolicyValidator.validate(policy)) {
          errors.add(what + ": " + problem);
        }
        if (policy.getMetadata() != null && policy.getMetadata().getNamespace() == null) {
          policy.getMetadata().setNamespace(defaultNamespace);
        }
        policies.add(policy);
      }
    } catch (JacksonException e) {
      errors.add(source + " document " + (number + 1) + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
    if (policies.isEmpty() && errors.isEmpty()) {
      errors.add(source + ": no NetworkPolicy in it");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return policies;
  }

  private static String substitute(
      String source, String yaml, Map<String, String> ips, List<String> errors) {
    Matcher m = IP.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ip = ips.get(m.group(1));
      if (ip == null) {
        errors.add(source + ": ${ip:" + m.group(1) + "}: no such model pod (pods are " + ips.keySet() + ")");
        ip = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(ip));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
