package io.peaktrade.watch.operator.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Resource quantities in the form kube-apiserver stores them. The API server parses every quantity
 * of a built-in object ({@code resource.ParseQuantity}) and writes it back with {@code
 * Quantity.String()}, which is the canonical form unless the input already was: {@code 1000m}
 * becomes {@code 1}, {@code 1024Mi} becomes {@code 1Gi}, {@code 1.5} becomes {@code 1500m}. A
 * desired object written in another form differs from what the cluster holds on every comparison,
 * so every quantity the operator builds goes through {@link #of(String)}.
 *
 * <p>A port of k8s.io/apimachinery {@code pkg/api/resource} at v0.31.2 (unchanged through v0.36.3):
 * {@code quantity.go} ParseQuantity, parseQuantityString and CanonicalizeBytes, {@code amount.go}
 * AsCanonicalBytes and AsCanonicalBase1024Bytes, {@code suffix.go} newSuffixer. {@code
 * CanonicalQuantityTest} runs apimachinery's own tables (TestQuantityParse, TestQuantityString,
 * TestQuantityParseEmit) through it.
 */
public final class CanonicalQuantity {

  /** How the number was written: the canonical form keeps the family of the input's suffix. */
  enum Format {
    DECIMAL_SI,
    BINARY_SI,
    DECIMAL_EXPONENT
  }

  private static final Map<String, Integer> DECIMAL_SUFFIXES =
      Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY_SUFFIXES =
      Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);

  /** ParseQuantity caps binary quantities at the largest int64 (maxAllowed). */
  private static final BigDecimal MAX_ALLOWED = BigDecimal.valueOf(Long.MAX_VALUE);

  private static final BigInteger THOUSAND_TWENTY_FOUR = BigInteger.valueOf(1024);

  private final BigDecimal value;
  private final Format format;

  private CanonicalQuantity(BigDecimal value, Format format) {
    this.value = value;
    this.format = format;
  }

  /** An amount written in a format (Go's decQuantity), for the tables of apimachinery's tests. */
  static CanonicalQuantity amount(BigDecimal value, Format format) {
    return new CanonicalQuantity(value, format);
  }

  BigDecimal value() {
    return value;
  }

  Format format() {
    return format;
  }

  /** The canonical spelling of a quantity, as kube-apiserver stores it. */
  public static String of(String quantity) {
    return parse(quantity).toString();
  }

  /**
   * Whole CPUs and millicores: {@code 1000} is stored as {@code 1}, {@code 500} as {@code 500m}.
   */
  public static String millicores(long millicores) {
    return of(millicores + "m");
  }

  /** Mebibytes: {@code 1024} is stored as {@code 1Gi}. */
  public static String mebibytes(long mebibytes) {
    return of(mebibytes + "Mi");
  }

  /**
   * Parses as ParseQuantity does, refusing what it refuses.
   *
   * @throws IllegalArgumentException naming the quantity when it is not one
   */
  static CanonicalQuantity parse(String str) {
    if (str == null || str.isEmpty()) {
      throw new IllegalArgumentException("quantities must match the regular expression: empty");
    }
    if (str.equals("0")) {
      return new CanonicalQuantity(BigDecimal.ZERO, Format.DECIMAL_SI);
    }
    Parts parts = Parts.of(str);
    Format format;
    int base;
    int exponent;
    if (DECIMAL_SUFFIXES.containsKey(parts.suffix)) {
      format = Format.DECIMAL_SI;
      base = 10;
      exponent = DECIMAL_SUFFIXES.get(parts.suffix);
    } else if (BINARY_SUFFIXES.containsKey(parts.suffix)) {
      format = Format.BINARY_SI;
      base = 2;
      exponent = BINARY_SUFFIXES.get(parts.suffix);
    } else if (parts.suffix.length() > 1
        && (parts.suffix.charAt(0) == 'e' || parts.suffix.charAt(0) == 'E')) {
      format = Format.DECIMAL_EXPONENT;
      base = 10;
      try {
        exponent = Integer.parseInt(parts.suffix.substring(1));
      } catch (NumberFormatException e) {
        throw invalid(str);
      }
    } else {
      throw invalid(str);
    }
    BigDecimal amount =
        new BigDecimal(parts.num + (parts.denom.isEmpty() ? "" : "." + parts.denom));
    amount =
        base == 10
            ? amount.scaleByPowerOfTen(exponent)
            : amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)));
    // Non-zero values are rounded up (away from zero) to the nano scale: "if you want some
    // resources, you should get some resources".
    if (amount.signum() != 0 && amount.scale() > 9) {
      amount = amount.setScale(9, RoundingMode.UP);
    }
    if (format == Format.BINARY_SI && amount.compareTo(MAX_ALLOWED) > 0) {
      amount = MAX_ALLOWED;
    }
    if (format == Format.BINARY_SI && amount.signum() > 0 && amount.compareTo(BigDecimal.ONE) < 0) {
      format = Format.DECIMAL_SI;
    }
    return new CanonicalQuantity(parts.positive ? amount : amount.negate(), format);
  }

  /** Quantity.String() of a parsed quantity: CanonicalizeBytes. */
  @Override
  public String toString() {
    if (value.signum() == 0) {
      return "0";
    }
    Format f = format;
    if (f == Format.BINARY_SI) {
      boolean small = value.abs().compareTo(BigDecimal.valueOf(1024)) < 0;
      boolean whole = value.stripTrailingZeros().scale() <= 0;
      if (small || !whole) {
        f = Format.DECIMAL_SI;
      }
    }
    if (f == Format.BINARY_SI) {
      BigInteger amount = value.toBigIntegerExact();
      int exponent = 0;
      while (amount.mod(THOUSAND_TWENTY_FOUR).signum() == 0 && exponent < 6) {
        amount = amount.divide(THOUSAND_TWENTY_FOUR);
        exponent++;
      }
      return amount + suffix(BINARY_SUFFIXES, exponent * 10);
    }
    // AsCanonicalBytes: every factor of ten into the exponent, then the exponent down to a
    // multiple of three.
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    int exponent = -stripped.scale();
    while (exponent % 3 != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN);
      exponent--;
    }
    if (f == Format.DECIMAL_EXPONENT) {
      return mantissa + (exponent == 0 ? "" : "e" + exponent);
    }
    return mantissa + suffix(DECIMAL_SUFFIXES, exponent);
  }

  /**
   * The suffix of an exponent, as suffix.go's tables: one it has no suffix for yields none (only
   * decimal values beyond 999E, which no resource comes near, reach that).
   */
  private static String suffix(Map<String, Integer> suffixes, int exponent) {
    return suffixes.entrySet().stream()
        .filter(e -> e.getValue() == exponent)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("");
  }

  private static IllegalArgumentException invalid(String str) {
    return new IllegalArgumentException(
        "'"
            + str
            + "' is not a quantity: quantities must match the regular expression"
            + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  }

  /** parseQuantityString: sign, numerator, denominator and suffix of the text. */
  private record Parts(boolean positive, String num, String denom, String suffix) {

    static Parts of(String str) {
      boolean positive = true;
      int pos = 0;
      int end = str.length();
      if (str.charAt(0) == '-' || str.charAt(0) == '+') {
        positive = str.charAt(0) == '+';
        pos++;
      }
      while (pos < end && str.charAt(pos) == '0') {
        pos++;
      }
      if (pos >= end) {
        return new Parts(positive, "0", "", "");
      }
      int start = pos;
      while (pos < end && isDigit(str.charAt(pos))) {
        pos++;
      }
      String num = pos == start ? "0" : str.substring(start, pos);
      String denom = "";
      if (pos < end && str.charAt(pos) == '.') {
        pos++;
        int denomStart = pos;
        while (pos < end && isDigit(str.charAt(pos))) {
          pos++;
        }
        denom = str.substring(denomStart, pos);
      }
      int suffixStart = pos;
      while (pos < end && "eEinumkKMGTP".indexOf(str.charAt(pos)) >= 0) {
        pos++;
      }
      if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
        pos++;
      }
      while (pos < end && isDigit(str.charAt(pos))) {
        pos++;
      }
      if (pos < end) {
        throw invalid(str);
      }
      return new Parts(positive, num, denom, str.substring(suffixStart));
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
