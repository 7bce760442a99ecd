package io.antrest.sim;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator compares signatures in constant time: the HMAC check goes through
 * {@code MessageDigest.isEqual} (which looks at every byte whatever differs), no class of the
 * simulator compares byte arrays with {@code Arrays.equals} (which stops at the first difference),
 * and the check compares the whole signature, wherever it differs. Read from the compiled classes,
 * because a timing measurement would prove nothing on a shared machine.
 */
class SignatureComparisonTest {
    private static final String SECRET = "constantTimeSecret0123456789abcdefConstantTime";
    private static final byte[] MESSAGE = "symbol=BTCUSDT&timestamp=1499827319559".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theHmacCheckComparesWithMessageDigestIsEqual() throws IOException {
        assertThat(methodsCalled(HmacSha256.class)).contains("java/security/MessageDigest.isEqual([B[B)Z")
                .doesNotContain("java/util/Arrays.equals([B[B)Z", "java/lang/String.equals(Ljava/lang/Object;)Z",
                        "java/lang/String.equalsIgnoreCase(Ljava/lang/String;)Z");
    }

    @Test
    void noClassOfTheSimulatorComparesByteArraysWithArraysEquals() throws IOException {
        Path classes = Path.of("target", "classes", "io", "antrest", "sim");
        List<Path> files;
        try (Stream<Path> s = Files.list(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                assertThat(methodsCalled(in)).as(f.getFileName().toString())
                        .doesNotContain("java/util/Arrays.equals([B[B)Z", "java/util/Arrays.equals([B[B[B)Z");
            }
        }
    }

    @Test
    void theWholeSignatureIsComparedWhereverItDiffers() {
        HmacSha256 hmac = new HmacSha256(SECRET);
        String right = TestSigning.hmacHex(SECRET, new String(MESSAGE, StandardCharsets.US_ASCII));

        assertThat(hmac.verifyHex(MESSAGE, right)).isTrue();
        assertThat(hmac.verifyHex(MESSAGE, right.toUpperCase(Locale.ROOT))).isTrue();
        for (int at : new int[] {0, 1, 31, 32, 62, 63}) {
            char[] c = right.toCharArray();
            c[at] = c[at] == '0' ? '1' : '0';
            assertThat(hmac.verifyHex(MESSAGE, new String(c))).as("differs at hex digit %d", at).isFalse();
        }
        assertThat(hmac.verifyHex(MESSAGE, right.substring(0, 62))).as("a prefix").isFalse();
        assertThat(hmac.verifyHex(MESSAGE, right + "00")).as("longer").isFalse();
        assertThat(hmac.verifyHex(MESSAGE, "")).isFalse();
        assertThat(hmac.verifyHex(MESSAGE, right.substring(0, 63) + "g")).as("not hex").isFalse();
    }

    /** OKX signatures are Base64 (OKX v5 docs, REST Authentication > Signature): the same whole-signature check. */
    @Test
    void theBase64CheckAlsoComparesTheWholeSignature() {
        HmacSha256 hmac = new HmacSha256(SECRET);
        byte[] right = HexFormat.of().parseHex(
                TestSigning.hmacHex(SECRET, new String(MESSAGE, StandardCharsets.US_ASCII)));
        Base64.Encoder base64 = Base64.getEncoder();

        assertThat(hmac.verifyBase64(MESSAGE, base64.encodeToString(right))).isTrue();
        for (int at : new int[] {0, 15, 31}) {
            byte[] wrong = right.clone();
            wrong[at] ^= 1;
            assertThat(hmac.verifyBase64(MESSAGE, base64.encodeToString(wrong))).as("differs at byte %d", at).isFalse();
        }
        assertThat(hmac.verifyBase64(MESSAGE, base64.encodeToString(Arrays.copyOf(right, 31))))
                .as("a prefix").isFalse();
        assertThat(hmac.verifyBase64(MESSAGE, "")).isFalse();
        assertThat(hmac.verifyBase64(MESSAGE, "%%%")).as("not Base64").isFalse();
    }

    private static Set<String> methodsCalled(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            assertThat(in).as("the class file of " + type).isNotNull();
            return methodsCalled(in);
        }
    }

    /** Every method a class file refers to, as {@code owner.name(descriptor)}, from its constant pool. */
    private static Set<String> methodsCalled(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[][] refs = new int[count][];
        int[][] nameAndTypes = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 9, 17, 18 -> in.readInt();
                case 12 -> nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> methods = new HashSet<>();
        for (int[] ref : refs) {
            if (ref != null) {
                int[] nat = nameAndTypes[ref[1]];
                methods.add(utf8[classNames[ref[0]]] + "." + utf8[nat[0]] + utf8[nat[1]]);
            }
        }
        return methods;
    }
}
