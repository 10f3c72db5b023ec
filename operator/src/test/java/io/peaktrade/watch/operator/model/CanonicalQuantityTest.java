package io.peaktrade.watch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peaktrade.watch.operator.model.CanonicalQuantity.Format;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * apimachinery's own tables for quantities, from k8s.io/apimachinery pkg/api/resource/
 * quantity_test.go at v0.31.2 (the same at v0.36.3): what kube-apiserver makes of a quantity is
 * what {@link CanonicalQuantity} makes of it.
 */
class CanonicalQuantityTest {

  /** decQuantity(mantissa, scale, format) of the Go tests. */
  private record Dec(String input, long mantissa, int scale, Format format) {
    BigDecimal value() {
      return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(scale);
    }
  }

  private static Dec dec(String input, long mantissa, int scale, Format format) {
    return new Dec(input, mantissa, scale, format);
  }

  private static final Format SI = Format.DECIMAL_SI;
  private static final Format BIN = Format.BINARY_SI;
  private static final Format EXP = Format.DECIMAL_EXPONENT;

  /** TestQuantityParse's table: input, then the parsed amount and format. */
  private static final List<Dec> PARSE =
      List.of(
          dec("0", 0, 0, SI),
          dec("0n", 0, 0, SI),
          dec("0u", 0, 0, SI),
          dec("0m", 0, 0, SI),
          dec("0Ki", 0, 0, BIN),
          dec("0k", 0, 0, SI),
          dec("0Mi", 0, 0, BIN),
          dec("0M", 0, 0, SI),
          dec("0Gi", 0, 0, BIN),
          dec("0G", 0, 0, SI),
          dec("0Ti", 0, 0, BIN),
          dec("0T", 0, 0, SI),
          dec("1", 1, 0, SI),
          dec("1Ki", 1024, 0, BIN),
          dec("8Ki", 8 * 1024, 0, BIN),
          dec("7Mi", 7L * 1024 * 1024, 0, BIN),
          dec("6Gi", 6L * 1024 * 1024 * 1024, 0, BIN),
          dec("5Ti", 5L * 1024 * 1024 * 1024 * 1024, 0, BIN),
          dec("4Pi", 4L * 1024 * 1024 * 1024 * 1024 * 1024, 0, BIN),
          dec("3Ei", 3L * 1024 * 1024 * 1024 * 1024 * 1024 * 1024, 0, BIN),
          dec("10Ti", 10L * 1024 * 1024 * 1024 * 1024, 0, BIN),
          dec("100Ti", 100L * 1024 * 1024 * 1024 * 1024, 0, BIN),
          dec("5n", 5, -9, SI),
          dec("4u", 4, -6, SI),
          dec("3m", 3, -3, SI),
          dec("9", 9, 0, SI),
          dec("8k", 8, 3, SI),
          dec("50k", 5, 4, SI),
          dec("7M", 7, 6, SI),
          dec("6G", 6, 9, SI),
          dec("5T", 5, 12, SI),
          dec("40T", 4, 13, SI),
          dec("300T", 3, 14, SI),
          dec("2P", 2, 15, SI),
          dec("1E", 1, 18, SI),
          dec("1E-3", 1, -3, EXP),
          dec("1e3", 1, 3, EXP),
          dec("1E6", 1, 6, EXP),
          dec("1e9", 1, 9, EXP),
          dec("1E12", 1, 12, EXP),
          dec("1e15", 1, 15, EXP),
          dec("1E18", 1, 18, EXP),
          dec("1e14", 1, 14, EXP),
          dec("1e13", 1, 13, EXP),
          dec("100.035k", 100035, 0, SI),
          dec("0.001", 1, -3, SI),
          dec("0.0005k", 5, -1, SI),
          dec("0.005", 5, -3, SI),
          dec("0.05", 5, -2, SI),
          dec("0.5", 5, -1, SI),
          dec("0.00050k", 5, -1, SI),
          dec("0.00500", 5, -3, SI),
          dec("0.05000", 5, -2, SI),
          dec("0.50000", 5, -1, SI),
          dec("0.5e0", 5, -1, EXP),
          dec("0.5e-1", 5, -2, EXP),
          dec("0.5e-2", 5, -3, EXP),
          dec("10.035M", 10035, 3, SI),
          dec("1.2e3", 12, 2, EXP),
          dec("1.3E+6", 13, 5, EXP),
          dec("1.40e9", 14, 8, EXP),
          dec("1.53E12", 153, 10, EXP),
          dec("1.6e15", 16, 14, EXP),
          dec("1.7E18", 17, 17, EXP),
          dec("9.01", 901, -2, SI),
          dec("8.1k", 81, 2, SI),
          dec("7.123456M", 7123456, 0, SI),
          dec("6.987654321G", 6987654321L, 0, SI),
          dec("5.444T", 5444, 9, SI),
          dec("40.1T", 401, 11, SI),
          dec("300.2T", 3002, 11, SI),
          dec("2.5P", 25, 14, SI),
          dec("1.01E", 101, 16, SI),
          dec("3.001n", 4, -9, SI),
          dec("1.1E-9", 2, -9, EXP),
          dec("0.0000000001", 1, -9, SI),
          dec("0.0000000005", 1, -9, SI),
          dec("0.00000000050", 1, -9, SI),
          dec("0.5e-9", 1, -9, EXP),
          dec("0.9n", 1, -9, SI),
          dec("0.00000012345", 124, -9, SI),
          dec("0.00000012354", 124, -9, SI),
          dec("9Ei", Long.MAX_VALUE, 0, BIN),
          dec("9223372036854775807Ki", Long.MAX_VALUE, 0, BIN),
          dec("12E", 12, 18, SI),
          dec("100.035Ki", 10243584, -2, BIN),
          dec("0.5Mi", 512 * 1024, 0, BIN),
          dec("0.05Gi", 536870912, -1, BIN),
          dec("0.025Ti", 274877906944L, -1, BIN),
          dec("0.000000000001Ki", 2, -9, SI),
          dec(".001", 1, -3, SI),
          dec(".0001k", 100, -3, SI),
          dec("1.", 1, 0, SI),
          dec("1.G", 1, 9, SI));

  @Test
  void parsesApimachinerysTableToTheSameAmountAndFormat() {
    for (Dec d : PARSE) {
      for (String sign : List.of("", "+", "-")) {
        CanonicalQuantity q = CanonicalQuantity.parse(sign + d.input());
        BigDecimal expected = sign.equals("-") ? d.value().negate() : d.value();
        assertThat(q.value()).as(sign + d.input()).isEqualByComparingTo(expected);
        assertThat(q.format()).as(sign + d.input()).isEqualTo(d.format());
      }
    }
  }

  @Test
  void refusesWhatParseQuantityRefuses() {
    for (String bad :
        List.of(
            "", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1",
            "1 ")) {
      assertThatThrownBy(() -> CanonicalQuantity.parse(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** TestQuantityString: amount and format, the canonical string, and another spelling of it. */
  private record Str(long mantissa, int scale, Format format, String expect, String alternate) {}

  private static final List<Str> STRING =
      List.of(
          new Str(1024L * 1024 * 1024, 0, BIN, "1Gi", "1024Mi"),
          new Str(300L * 1024 * 1024, 0, BIN, "300Mi", "307200Ki"),
          new Str(6 * 1024, 0, BIN, "6Ki", ""),
          new Str(1001L * 1024 * 1024 * 1024, 0, BIN, "1001Gi", "1025024Mi"),
          new Str(1024L * 1024 * 1024 * 1024, 0, BIN, "1Ti", "1024Gi"),
          new Str(5, 0, BIN, "5", "5000m"),
          new Str(500, -3, BIN, "500m", "0.5"),
          new Str(1, 9, SI, "1G", "1000M"),
          new Str(1000, 6, SI, "1G", "0.001T"),
          new Str(1000000, 3, SI, "1G", ""),
          new Str(1000000000, 0, SI, "1G", ""),
          new Str(1, -3, SI, "1m", "1000u"),
          new Str(80, -3, SI, "80m", ""),
          new Str(1080, -3, SI, "1080m", "1.08"),
          new Str(108, -2, SI, "1080m", "1080000000n"),
          new Str(10800, -4, SI, "1080m", ""),
          new Str(300, 6, SI, "300M", ""),
          new Str(1, 12, SI, "1T", ""),
          new Str(1234567, 6, SI, "1234567M", ""),
          new Str(1234567, -3, BIN, "1234567m", ""),
          new Str(3, 3, SI, "3k", ""),
          new Str(1025, 0, BIN, "1025", ""),
          new Str(0, 0, SI, "0", ""),
          new Str(0, 0, BIN, "0", ""),
          new Str(1, 9, EXP, "1e9", ".001e12"),
          new Str(1, -3, EXP, "1e-3", "0.001e0"),
          new Str(1, -9, EXP, "1e-9", "1000e-12"),
          new Str(80, -3, EXP, "80e-3", ""),
          new Str(300, 6, EXP, "300e6", ""),
          new Str(1, 12, EXP, "1e12", ""),
          new Str(1, 3, EXP, "1e3", ""),
          new Str(3, 3, EXP, "3e3", ""),
          new Str(0, 0, EXP, "0", "00"),
          new Str(1, -9, SI, "1n", ""),
          new Str(80, -9, SI, "80n", ""),
          new Str(1080, -9, SI, "1080n", ""),
          new Str(108, -8, SI, "1080n", ""),
          new Str(10800, -10, SI, "1080n", ""),
          new Str(1, -6, SI, "1u", ""),
          new Str(80, -6, SI, "80u", ""),
          new Str(1080, -6, SI, "1080u", ""));

  @Test
  void printsApimachinerysCanonicalStrings() {
    for (Str s : STRING) {
      BigDecimal value = BigDecimal.valueOf(s.mantissa()).scaleByPowerOfTen(s.scale());
      assertThat(CanonicalQuantity.amount(value, s.format()).toString())
          .as(s.toString())
          .isEqualTo(s.expect());
      assertThat(CanonicalQuantity.of(s.expect()))
          .as("parse and print " + s.expect())
          .isEqualTo(s.expect());
      if (!s.alternate().isEmpty()) {
        assertThat(CanonicalQuantity.of(s.alternate())).as(s.alternate()).isEqualTo(s.expect());
      }
      if (s.mantissa() != 0) {
        assertThat(CanonicalQuantity.amount(value.negate(), s.format()).toString())
            .as("negative " + s)
            .isEqualTo("-" + s.expect());
      }
    }
  }

  /** TestQuantityParseEmit. */
  @Test
  void parseThenEmitAsApimachineryDoes() {
    List<String[]> table =
        List.of(
            new String[] {"1Ki", "1Ki"},
            new String[] {"1Mi", "1Mi"},
            new String[] {"1Gi", "1Gi"},
            new String[] {"1024Mi", "1Gi"},
            new String[] {"1000M", "1G"},
            new String[] {".001Ki", "1024m"},
            new String[] {".000001Ki", "1024u"},
            new String[] {".000000001Ki", "1024n"},
            new String[] {".000000000001Ki", "2n"});
    for (String[] row : table) {
      assertThat(CanonicalQuantity.of(row[0])).as(row[0]).isEqualTo(row[1]);
      assertThat(CanonicalQuantity.of("-" + row[0])).as("-" + row[0]).isEqualTo("-" + row[1]);
    }
  }

  /** The spellings the operator's builders produce, as the issue names them. */
  @Test
  void theOperatorsOwnQuantitiesComeOutCanonical() {
    assertThat(CanonicalQuantity.millicores(1000)).isEqualTo("1");
    assertThat(CanonicalQuantity.millicores(2000)).isEqualTo("2");
    assertThat(CanonicalQuantity.millicores(1500)).isEqualTo("1500m");
    assertThat(CanonicalQuantity.millicores(10)).isEqualTo("10m");
    assertThat(CanonicalQuantity.mebibytes(1024)).isEqualTo("1Gi");
    assertThat(CanonicalQuantity.mebibytes(2048)).isEqualTo("2Gi");
    assertThat(CanonicalQuantity.mebibytes(1536)).isEqualTo("1536Mi");
    assertThat(CanonicalQuantity.mebibytes(192)).isEqualTo("192Mi");
    assertThat(CanonicalQuantity.of("64Mi")).isEqualTo("64Mi");
  }
}
