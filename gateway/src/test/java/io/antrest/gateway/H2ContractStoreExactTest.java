package io.antrest.gateway;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link ContractStoreExactTest} on the embedded H2 file database. */
class H2ContractStoreExactTest extends ContractStoreExactTest {
    @TempDir
    Path dir;

    @Override
    String newStore() {
        return ContractStore.h2Url(dir);
    }
}
