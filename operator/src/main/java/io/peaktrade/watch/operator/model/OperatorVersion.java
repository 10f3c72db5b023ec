package io.peaktrade.watch.operator.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The operator's version and source revision, written into its resources by the build. */
public final class OperatorVersion {

  private static final Properties BUILD = read();

  /** Also the default exporter image tag: operator and exporter are released together. */
  public static final String VERSION = BUILD.getProperty("version");

  /**
   * Where its release published the images (the build's {@code image.registry}): the default
   * exporter image is {@code <REGISTRY>/execution-watch-exporter:<VERSION>}.
   */
  public static final String REGISTRY = BUILD.getProperty("registry");

  /**
   * The git commit it was built from (git-commit-id-maven-plugin), or "unknown" for a build outside
   * a git checkout.
   */
  public static final String REVISION = resolved(BUILD.getProperty("revision"));

  private OperatorVersion() {}

  private static Properties read() {
    try (InputStream in =
        OperatorVersion.class.getResourceAsStream("/execution-watch-operator.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A property the build could not fill in stays a placeholder. */
  private static String resolved(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}
