package io.antrest.gateway.spi;

/** The version of this plugin contract; a provider built against another version is reported. */
public final class Spi {
    /** Bumped on every incompatible change of {@code io.antrest.gateway.spi}. */
    public static final int VERSION = 1;

    private Spi() {
    }
}
