package io.antrest.gateway.binance;

import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the PKCS#8 PEM private keys ({@code -----BEGIN PRIVATE KEY-----}) of Binance's Ed25519
 * and RSA API keys. Error messages say what is wrong and how to convert the key, never its content.
 */
final class PemPrivateKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemPrivateKeys() {
    }

    /**
     * Parses the key.
     *
     * @throws GatewaySettingsException when it is not an unencrypted PKCS#8 PEM key of that type
     */
    static PrivateKey parse(String pem, KeyType type) {
        String algorithm = switch (type) {
            case ED25519 -> "Ed25519";
            case RSA -> "RSA";
            case HMAC -> throw new IllegalArgumentException("an HMAC secret is not a PEM key");
        };
        String text = pem.strip();
        if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new GatewaySettingsException("the binance " + type + " private key is encrypted; antrest needs an "
                    + "unencrypted PKCS#8 PEM key: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN OPENSSH PRIVATE KEY")
                || text.contains("BEGIN EC PRIVATE KEY")) {
            throw new GatewaySettingsException("the binance " + type + " private key is not in PKCS#8 form (it starts "
                    + "with a different BEGIN line); convert it: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new GatewaySettingsException("the binance " + type + " private key is not a PKCS#8 PEM key: give the "
                    + "text from " + BEGIN + " to " + END + " (e.g. with gateway.NAME.secret-file)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new GatewaySettingsException("the binance " + type + " private key's PEM body is not valid base64");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new GatewaySettingsException("the binance private key is not a valid " + algorithm + " PKCS#8 key; "
                    + "check that the key type setting (" + type + ") matches the key");
        }
    }
}
