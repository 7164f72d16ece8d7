package io.grpcconformance.steps;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs the conformance features through the Cucumber engine. Failsafe starts it from the repository
 * root, so the default selection is {@code features/}; {@code -Dcucumber.features=...} replaces it
 * (Cucumber then ignores this selector) and {@code -Dcucumber.filter.tags=...} filters it. Reports
 * and plugins are configured by steps/pom.xml.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.grpcconformance.steps")
public class RunConformanceIT {}
