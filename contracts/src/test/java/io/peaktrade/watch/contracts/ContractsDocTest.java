package io.peaktrade.watch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/contracts.md is the contract types, written out. */
class ContractsDocTest {

  private static final Path DOC = Path.of("../docs/contracts.md");

  @Test
  void theCommittedDocIsTheContract() throws IOException {
    String generated = ContractsDoc.markdown();
    if (Boolean.getBoolean("contracts.write")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "docs/contracts.md is stale: ./mvnw -pl contracts test -Dtest=ContractsDocTest"
                + " -Dcontracts.write=true")
        .isEqualTo(generated);
  }
}
