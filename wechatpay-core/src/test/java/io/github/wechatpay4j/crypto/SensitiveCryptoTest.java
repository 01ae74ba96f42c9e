package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.Fixtures;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.internal.SensitiveFields;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** APIv3 key AES-GCM, RSA-OAEP, the encryption key policy and the @Encrypted walker, without a server. */
class SensitiveCryptoTest {
    private static final String KEY = "0123456789abcdefghijABCDEFGHIJ01";

    private static String seal(String key, String aad, String nonce, String plaintext) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        if (aad != null) {
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void apiV3KeyDecryptsWithAndWithoutAssociatedData() throws Exception {
        ApiV3Key key = ApiV3Key.of(KEY);
        assertEquals(
                "{\"a\":1}",
                key.decryptToString(
                        "transaction", "0123456789ab", seal(KEY, "transaction", "0123456789ab", "{\"a\":1}")));
        assertEquals("x", key.decryptToString(null, "nonce", seal(KEY, null, "nonce", "x")));
        assertEquals("x", key.decryptToString("", "nonce", seal(KEY, null, "nonce", "x")));
        assertFalse(key.toString().contains(KEY));
    }

    @Test
    void apiV3KeyRejectsEveryAlterationAsADecryptionException() throws Exception {
        ApiV3Key key = ApiV3Key.of(KEY);
        String sealed = seal(KEY, "certificate", "0123456789ab", "-----BEGIN CERTIFICATE-----");
        assertThrows(DecryptionException.class, () -> key.decrypt("certificatf", "0123456789ab", sealed));
        assertThrows(DecryptionException.class, () -> key.decrypt("certificate", "0123456789ac", sealed));
        assertThrows(DecryptionException.class, () -> key.decrypt(null, "0123456789ab", sealed));
        assertThrows(
                DecryptionException.class,
                () -> ApiV3Key.of(KEY.replace('0', '9')).decrypt("certificate", "0123456789ab", sealed));
        assertThrows(DecryptionException.class, () -> key.decrypt("a", "n", "not base64!"));
        assertThrows(DecryptionException.class, () -> key.decrypt("a", "n", "AAAA"));
        assertThrows(DecryptionException.class, () -> key.decrypt("a", null, sealed));
        assertThrows(DecryptionException.class, () -> key.decrypt("a", "n", null));
    }

    @Test
    void apiV3KeyReusesItsCiphersSafelyAcrossFailuresAndThreads() throws Exception {
        ApiV3Key key = ApiV3Key.of(KEY);
        String good = seal(KEY, "transaction", "0123456789ab", "first");
        String same = seal(KEY, "transaction", "0123456789ab", "again"); // the same nonce: decrypting may repeat it
        assertEquals("first", key.decryptToString("transaction", "0123456789ab", good));
        assertThrows(DecryptionException.class, () -> key.decrypt("transactioN", "0123456789ab", good));
        assertEquals("again", key.decryptToString("transaction", "0123456789ab", same));
        assertEquals("first", key.decryptToString("transaction", "0123456789ab", good));

        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        String nonce = String.format("n%02d-%07d", thread, i);
                        String text = "thread " + thread + " call " + i;
                        String sealed = seal(KEY, "transaction", nonce, text);
                        if (i % 7 == 0) { // a tampered one in between drops its cipher, no other call sees it
                            assertThrows(DecryptionException.class, () -> key.decrypt("x", nonce, sealed));
                        }
                        assertEquals(text, key.decryptToString("transaction", nonce, sealed));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void apiV3KeyLengthIsCheckedInBytes() {
        assertThrows(ConfigurationException.class, () -> ApiV3Key.of(null));
        assertThrows(ConfigurationException.class, () -> ApiV3Key.of(""));
        assertThrows(ConfigurationException.class, () -> ApiV3Key.of("é".repeat(32))); // 64 bytes
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ApiV3Key.of(KEY + " "));
        assertTrue(e.getMessage().contains("whitespace"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void oaepRoundTripsFromManyThreads() throws Exception {
        KeyPair pair = Fixtures.rsa();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String plain = "张三-" + i;
                results.add(pool.submit(
                        () -> RsaOaep.decrypt(pair.getPrivate(), RsaOaep.encrypt(pair.getPublic(), plain))));
            }
            for (int i = 0; i < 32; i++) {
                assertEquals("张三-" + i, results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        // the JDK's OAEP with SHA-1 and MGF1-SHA1 is what WeChat Pay uses: check against an explicit Cipher
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(Cipher.DECRYPT_MODE, pair.getPrivate());
        assertArrayEquals(
                "110101".getBytes(StandardCharsets.UTF_8),
                c.doFinal(Base64.getDecoder().decode(RsaOaep.encrypt(pair.getPublic(), "110101"))));
        assertThrows(InvalidRequestException.class, () -> RsaOaep.encrypt(pair.getPublic(), "x".repeat(215)));
        assertThrows(
                DecryptionException.class,
                () -> RsaOaep.decrypt(
                        pair.getPrivate(), RsaOaep.encrypt(Fixtures.rsa().getPublic(), "x")));
    }

    @Test
    void encryptionKeyPolicyPicksTheConfiguredKindAndFallsBack() {
        Instant now = Instant.now();
        KeyPair a = Fixtures.rsa();
        PlatformKey publicKey = PlatformKey.publicKey("PUB_KEY_ID_0112345", a.getPublic());
        PlatformKey older =
                new PlatformKey("0A", a.getPublic(), now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(60)));
        PlatformKey newer =
                new PlatformKey("0B", a.getPublic(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1000)));
        PlatformKey expired =
                new PlatformKey("0C", a.getPublic(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        List<PlatformKey> all = List.of(older, publicKey, expired, newer);

        assertEquals(Optional.of(publicKey), EncryptionKeyPolicy.PUBLIC_KEY.select(all, now));
        assertEquals(Optional.of(newer), EncryptionKeyPolicy.NEWEST_CERTIFICATE.select(all, now));
        assertEquals(Optional.of(newer), EncryptionKeyPolicy.PUBLIC_KEY.select(List.of(older, newer), now));
        assertEquals(
                Optional.of(publicKey),
                EncryptionKeyPolicy.NEWEST_CERTIFICATE.select(List.of(expired, publicKey), now));
        assertEquals(Optional.empty(), EncryptionKeyPolicy.NEWEST_CERTIFICATE.select(List.of(expired), now));
        assertTrue(publicKey.isPublicKey() && publicKey.isValidAt(Instant.MAX.minusSeconds(1)));
    }

    @Test
    void platformKeysExposeTheirKeysForEncryption() {
        KeyPair pair = Fixtures.rsa();
        PlatformKeys keys = PlatformKeys.builder()
                .publicKey("PUB_KEY_ID_0199", pair.getPublic())
                .certificate(Fixtures.certificate(pair, BigInteger.valueOf(0x0ABC), Instant.now(), Duration.ofDays(1)))
                .build();
        assertEquals(
                List.of("PUB_KEY_ID_0199", "0ABC"),
                keys.keys().stream().map(PlatformKey::serial).toList());
        assertTrue(keys.key("0abc").isPresent());
        assertTrue(keys.key("ABC").isEmpty(), "a zero-stripped serial is another serial");
    }

    public record Leaf(@Encrypted String secret, String plain) {}

    public record Tree(Leaf leaf, List<Leaf> leaves, Map<String, Leaf> named, Object anything, int n) {}

    public record Plain(String a, int b) {}

    @Test
    void theWalkerTransformsOnlyMarkedStringsAndKeepsUntouchedValues() {
        SensitiveFields fields = new SensitiveFields();
        Tree tree = new Tree(
                new Leaf("s1", "p1"),
                List.of(new Leaf("s2", "p2")),
                Map.of("k", new Leaf("s3", "p3")),
                new Leaf("s4", "p4"),
                7);
        Tree out = (Tree) fields.apply(tree, s -> "<" + s + ">");

        assertEquals(
                new Tree(
                        new Leaf("<s1>", "p1"),
                        List.of(new Leaf("<s2>", "p2")),
                        Map.of("k", new Leaf("<s3>", "p3")),
                        new Leaf("<s4>", "p4"),
                        7),
                out);
        Plain plain = new Plain("a", 1);
        assertFalse(fields.mayContain(plain));
        assertSame(plain, fields.apply(plain, s -> "x"));
        Leaf none = new Leaf(null, "p");
        assertSame(none, fields.apply(none, s -> "x"), "a null sensitive field stays null and nothing is copied");
        assertFalse(fields.mayContain("text"));
    }
}
