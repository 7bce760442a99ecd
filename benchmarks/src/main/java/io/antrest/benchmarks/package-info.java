/**
 * JMH benchmarks of the request signers: one class per signer, each with {@code signOrder} (a
 * new order signed through the plugin's {@code RequestSigner}, as the engine signs every attempt)
 * and {@code primitive} (the JDK algorithm alone over the same bytes), so the difference is what
 * the plugin adds: parameters, headers, encoding and the request copies.
 */
package io.antrest.benchmarks;
