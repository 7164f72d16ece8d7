package io.grpcconformance.samples;

/** Placeholder entry point; replaced by the sample-services CLI. */
public final class SampleServicesMain {
  private SampleServicesMain() {}

  public static void main(String[] args) {
    System.out.println("sample-services");
  }
}
