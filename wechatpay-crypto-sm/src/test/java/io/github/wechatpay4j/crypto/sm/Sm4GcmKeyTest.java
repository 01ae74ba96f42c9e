package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** AEAD_SM4_GCM against vectors made by other implementations than the one under test. */
class Sm4GcmKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    /** GB/T 32907-2016, appendix A, example 1: one block, key and plaintext both 0123456789abcdeffedcba9876543210. */
    @Test
    void sm4MatchesTheStandardsExample() {
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        SM4Engine sm4 = new SM4Engine();
        sm4.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        sm4.processBlock(key, 0, out, 0);
        assertEquals("681edf34d206965e86b3e94f536e4246", HEX.formatHex(out));
    }

    /** RFC 8998, appendix A.1: the SM4-GCM example of the ShangMi TLS 1.3 suites. */
    @Test
    void sm4GcmMatchesRfc8998() {
        Sm4GcmKey key = Sm4GcmKey.ofRaw(HEX.parseHex("0123456789ABCDEFFEDCBA9876543210"));
        byte[] nonce = HEX.parseHex("00001234567800000000ABCD");
        byte[] aad = HEX.parseHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        byte[] sealed = HEX.parseHex("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                + "83DE3541E4C2B58177E065A9BF7B62EC");
        assertEquals(
                "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                        + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA",
                HEX.withUpperCase().formatHex(key.decrypt(aad, nonce, sealed)));
        for (int index : new int[] {0, 63, 64, 79}) {
            byte[] damaged = sealed.clone();
            damaged[index] ^= 1;
            assertThrows(DecryptionException.class, () -> key.decrypt(aad, nonce, damaged));
        }
        byte[] otherAad = aad.clone();
        otherAad[0] ^= 1;
        assertThrows(DecryptionException.class, () -> key.decrypt(otherAad, nonce, sealed));
    }

    /**
     * The key rule end to end, with a resource encrypted outside this project: the SM4 key is the first 16 bytes of
     * SM3(APIv3 key) — {@code printf %s 0123456789abcdefghijABCDEFGHIJ01 | openssl dgst -sm3} (OpenSSL 3.0.19) gives
     * {@code ad0395723410232cc197c15969e61690…} — and the ciphertext was made with that key by Python's
     * {@code cryptography} 48 ({@code algorithms.SM4}, {@code modes.GCM}, OpenSSL underneath), nonce
     * {@code fdasflkja484}, associated data {@code transaction}.
     */
    @Test
    void decryptsWhatAnotherImplementationEncryptedWithTheDerivedKey() {
        Sm4GcmKey key = Sm4GcmKey.fromApiV3Key("0123456789abcdefghijABCDEFGHIJ01");
        String sealed =
                "Tqqfy5bnNW9CzpptLGxb0W69tLvcEcmZ+7ZC+/wAg848Ymh0NZvqdZJPsVu7ceyQ/wNDhoU/tqg1Zc7QFDeIfB9opHD0VWEs"
                        + "BMtxwMtTRTsP+nRhuszdIq0gnGL2PgTYCUHBP2eJbm7MqFLXJME=";
        assertEquals(
                "{\"out_trade_no\":\"1217752501201407033233368018\",\"trade_state\":\"SUCCESS\","
                        + "\"amount\":{\"total\":100}}",
                key.decryptToString("transaction", "fdasflkja484", sealed));
        assertThrows(DecryptionException.class, () -> key.decrypt("transactioN", "fdasflkja484", sealed));
        assertThrows(
                DecryptionException.class,
                () -> Sm4GcmKey.fromApiV3Key("0123456789abcdefghijABCDEFGHIJ02")
                        .decrypt("transaction", "fdasflkja484", sealed),
                "another APIv3 key");
    }

    @Test
    void badInputIsATypedErrorAndTheKeyIsNeverShown() {
        Sm4GcmKey key = Sm4GcmKey.fromApiV3Key("0123456789abcdefghijABCDEFGHIJ01");
        assertThrows(DecryptionException.class, () -> key.decrypt("a", "n", "not base64!"));
        assertThrows(DecryptionException.class, () -> key.decrypt("a", "n", "AAAA"));
        assertThrows(DecryptionException.class, () -> key.decrypt("a", null, "AAAA"));
        assertThrows(DecryptionException.class, () -> key.decrypt("a", "n", null));
        assertThrows(ConfigurationException.class, () -> Sm4GcmKey.fromApiV3Key("too short"));
        assertThrows(ConfigurationException.class, () -> Sm4GcmKey.fromApiV3Key((String) null));
        assertThrows(
                ConfigurationException.class,
                () -> Sm4GcmKey.fromApiV3Key((io.github.wechatpay4j.crypto.ApiV3Key) null));
        assertFalse(key.toString().contains("0123456789"));
    }
}
