@grpcroute
Feature: Report fixture

  @core
  Scenario: passes
    Given a passing step

  @core
  Scenario: fails
    Given a failing step

  @extended
  Scenario: is pending
    Given a pending step

  @core
  Scenario: is skipped
    Given a step that skips because "no CNI in the fixture"

  @extended
  Scenario Outline: outline <n>
    Given a passing step

    Examples:
      | n |
      | 1 |
      | 2 |
