package io.peaktrade.watch.operator.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The operator's version, written into its resources by the build. */
public final class OperatorVersion {

  /** Also the default exporter image tag: operator and exporter are released together. */
  public static final String VERSION = read();

  private OperatorVersion() {}

  private static String read() {
    try (InputStream in =
        OperatorVersion.class.getResourceAsStream("/execution-watch-operator.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
