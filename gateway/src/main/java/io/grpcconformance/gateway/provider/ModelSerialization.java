package io.grpcconformance.gateway.provider;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The fabric8 serialization both providers share, and the strict YAML reader of manifests. */
public final class ModelSerialization {
  /** fabric8's (de)serialization of model objects: conversion, cloning, YAML output. */
  public static final KubernetesSerialization MODEL = new KubernetesSerialization();

  /**
   * Reads one YAML document into a tree, rejecting duplicate keys (YAML 1.2 requires unique keys;
   * the API server rejects them too).
   */
  public static final ObjectReader STRICT_YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build()
      .reader();

  /**
   * The largest document {@link #STRICT_YAML} reads, in Unicode code points: SnakeYAML Engine's
   * {@code LoadSettings.codePointLimit}, which Jackson's YAML factory uses unchanged (3 MiB by
   * default). A longer document fails deep inside the parser; the file provider checks it first.
   */
  public static final int YAML_CODE_POINT_LIMIT =
      LoadSettings.builder().build().getCodePointLimit();

  private ModelSerialization() {}
}
