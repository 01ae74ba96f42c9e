package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.crypto.DigestProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShangMiDigestProviderTest {

    /** The two examples of GB/T 32905-2016, appendix A: "abc" and "abcd" repeated 16 times. */
    @Test
    void sm3MatchesTheStandardsExamples() {
        MessageDigest sm3 = new ShangMiDigestProvider().create("SM3");
        assertEquals(
                "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
                HexFormat.of().formatHex(sm3.digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(
                "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
                HexFormat.of().formatHex(sm3.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))));
        assertEquals(32, sm3.getDigestLength());
    }

    @Test
    void updatesInPiecesGiveTheSameDigestAsOneUpdate() {
        byte[] data = new byte[10_000];
        new java.util.Random(7).nextBytes(data);
        MessageDigest whole = new ShangMiDigestProvider().create("SM3");
        MessageDigest pieces = new ShangMiDigestProvider().create("SM3");
        for (int i = 0; i < data.length; i += 333) {
            pieces.update(data, i, Math.min(333, data.length - i));
        }
        assertEquals(
                HexFormat.of().formatHex(whole.digest(data)), HexFormat.of().formatHex(pieces.digest()));
    }

    @Test
    void foundByServiceLoaderAndMakesNothingElse() {
        assertTrue(ServiceLoader.load(DigestProvider.class).stream()
                .anyMatch(p -> p.type() == ShangMiDigestProvider.class));
        assertThrows(IllegalArgumentException.class, () -> new ShangMiDigestProvider().create("SHA256"));
        assertTrue(java.security.Security.getProvider("BC") == null, "no JCA provider is registered");
    }
}
