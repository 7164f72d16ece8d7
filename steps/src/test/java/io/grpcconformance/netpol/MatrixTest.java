package io.grpcconformance.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTest {

  private static final List<String> PODS = List.of("x/a", "x/b", "default/frontend");

  private static Matrix sample() {
    return Matrix.builder(PODS, true).allIngress("x/a", false).set("x/b", "x/a", true).build();
  }

  @Test
  void tableHasUpstreamShapeWithAlignedColumns() {
    assertThat(sample().toTable())
        .isEqualTo(
            """
            -                x/a x/b default/frontend
            x/a              X   .   .
            x/b              .   .   .
            default/frontend X   .   .
            """);
  }

  @Test
  void jsonIsKeyedSourceThenDestination() {
    String json = sample().toJson();
    assertThat(json)
        .isEqualTo(
            """
            {
              "x/a": {"x/a": false, "x/b": true, "default/frontend": true},
              "x/b": {"x/a": true, "x/b": true, "default/frontend": true},
              "default/frontend": {"x/a": false, "x/b": true, "default/frontend": true}
            }
            """);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Boolean>> parsed = Serialization.unmarshal(json, Map.class);
    assertThat(parsed.get("default/frontend").get("x/a")).isFalse();
  }

  @Test
  void tableAndJsonRoundTrip() {
    Matrix matrix = sample();
    assertThat(Matrix.parseTable(matrix.toTable())).isEqualTo(matrix);
    assertThat(Matrix.parseJson(matrix.toJson())).isEqualTo(matrix);
    assertThat(matrix.allowedCount()).isEqualTo(7);
  }

  @Test
  void parsesUpstreamTabSeparatedTables() {
    Matrix parsed =
        Matrix.parseTable(
            """

            \t\t-\tx/a\tx/b
            \t\tx/a\tX\t.
            \t\tx/b\t.\tX
            """);
    assertThat(parsed.pods()).containsExactly("x/a", "x/b");
    assertThat(parsed.allowed("x/a", "x/a")).isFalse();
    assertThat(parsed.allowed("x/a", "x/b")).isTrue();
    assertThat(parsed.allowed("x/b", "x/b")).isFalse();
  }

  @Test
  void parseErrorsSayWhere() {
    assertThatThrownBy(() -> Matrix.parseTable("x/a .")).hasMessageContaining("header");
    assertThatThrownBy(() -> Matrix.parseTable("- x/a x/b\nx/a . .\nx/b . ?"))
        .hasMessageContaining("row x/b, column x/b");
    assertThatThrownBy(() -> Matrix.parseTable("- x/a x/b\nx/a . .")).hasMessageContaining("rows");
    assertThatThrownBy(() -> Matrix.parseTable("- x/a\nx/a . .")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> Matrix.parseJson("{\"x/a\": {\"x/a\": 1}}"))
        .hasMessageContaining("boolean");
    assertThatThrownBy(() -> Matrix.parseJson("[]")).hasMessageContaining("object");
  }

  @Test
  void builderPatternsFollowUpstreamHelpers() {
    List<String> pods = StandardModel.create().podKeys();
    Matrix matrix =
        Matrix.builder(pods, true)
            .expect("x/*", "*", false) // ExpectPeer(&Peer{Namespace: x}, &Peer{}, false)
            .expect("*/a", "y/*", false) // any namespace's pod a to namespace y
            .allEgress("z/c", false)
            .build();
    assertThat(matrix.allowed("x/b", "z/c")).isFalse();
    assertThat(matrix.allowed("z/a", "y/c")).isFalse();
    assertThat(matrix.allowed("z/b", "y/c")).isTrue();
    assertThat(matrix.allowed("z/c", "z/c")).isFalse();
    assertThat(matrix.allowedCount()).isEqualTo(81 - 27 - 6 - 9);
    assertThatThrownBy(() -> Matrix.builder(pods, true).expect("q/*", "*", false))
        .hasMessageContaining("matches no pod");
    assertThatThrownBy(() -> matrix.allowed("x/a", "q/a")).hasMessageContaining("no pod q/a");
  }

  @Test
  void diffCountsAndShowsMismatches() {
    List<String> pods = StandardModel.create().podKeys();
    Matrix expected = Matrix.builder(pods, true).allIngress("x/a", false).build();
    Matrix observed =
        expected.toBuilder()
            .set("y/b", "x/a", true) // policy not enforced for this cell
            .set("z/c", "z/c", false) // loopback, ignored
            .set("x/b", "y/a", false) // blocked though allowed
            .build();
    MatrixDiff diff = MatrixDiff.compare(expected, observed, true);
    assertThat(diff.matches()).isFalse();
    assertThat(diff.incorrect()).isEqualTo(2);
    assertThat(diff.correct()).isEqualTo(70);
    assertThat(diff.ignored()).isEqualTo(9);
    assertThat(diff.mismatches())
        .containsExactly(
            new MatrixDiff.Mismatch("x/b", "y/a", true, false),
            new MatrixDiff.Mismatch("y/b", "x/a", false, true));
    assertThat(diff.summary()).isEqualTo("reachability: correct:70, incorrect:2, ignored:9");
    assertThat(diff.comparisonTable().lines().toList().get(5))
        .isEqualTo("y/b X   .   .   .   -   .   .   .   .");
    assertThat(diff.report())
        .contains(
            "expected:",
            "observed:",
            "comparison:",
            "y/b -> x/a: expected blocked, observed allowed");

    MatrixDiff strict = MatrixDiff.compare(expected, observed, false);
    assertThat(strict.incorrect()).isEqualTo(3);
    assertThat(strict.ignored()).isZero();
    assertThat(MatrixDiff.compare(expected, expected, true).matches()).isTrue();
    assertThatThrownBy(() -> MatrixDiff.compare(expected, sample(), true))
        .hasMessageContaining("differ");
  }
}
