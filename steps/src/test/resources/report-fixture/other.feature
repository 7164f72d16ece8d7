@tls @core
Feature: Another profile

  Scenario: passes
    Given a passing step

  @isolation
  Scenario: skipped by a hook
    Given a passing step
