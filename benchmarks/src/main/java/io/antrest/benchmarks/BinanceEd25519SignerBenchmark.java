package io.antrest.benchmarks;

import io.antrest.gateway.spi.KeyType;

/** Binance with an Ed25519 key; see {@link KeyPairSignerBenchmark}. */
public class BinanceEd25519SignerBenchmark extends KeyPairSignerBenchmark {
    /** Made by JMH. */
    public BinanceEd25519SignerBenchmark() {
        super(KeyType.ED25519, "Ed25519");
    }
}
