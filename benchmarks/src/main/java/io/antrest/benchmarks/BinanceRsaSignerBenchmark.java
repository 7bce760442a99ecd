package io.antrest.benchmarks;

import io.antrest.gateway.spi.KeyType;

/** Binance with a 2048-bit RSA key (SHA256withRSA, PKCS#1 v1.5); see {@link KeyPairSignerBenchmark}. */
public class BinanceRsaSignerBenchmark extends KeyPairSignerBenchmark {
    /** Made by JMH. */
    public BinanceRsaSignerBenchmark() {
        super(KeyType.RSA, "SHA256withRSA");
    }
}
