package io.antrest.app.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The base of the tests that run the real distribution: a fresh copy of the unpacked tree in a
 * temporary folder for each test ({@link #antrest}), and settings files written beside it.
 */
abstract class InstalledCopy {
    /** The test's own folder; the installation lives under it. */
    @TempDir
    Path dir;

    /** A fresh copy of the distribution for this test. */
    Installation antrest;

    @BeforeEach
    void install() throws Exception {
        antrest = Installation.copyInto(dir);
    }

    /** Writes {@code antrest.properties} in the test's folder, readable by its owner only. */
    Path settings(String... lines) throws IOException {
        return Installation.privateSettings(dir.resolve("antrest.properties"), List.of(lines));
    }
}
