package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.DecryptionException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** AES-256-ECB against a reference SDK's vector, PKCS#7 padding, and wrong keys as typed errors. */
class AesEcbTest {
    private static final byte[] PHP_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theReferenceVectorEncryptsAndDecrypts() {
        // wechatpay-apiv3/wechatpay-php tests/Crypto/AesEcbTest.php, 'fixed plaintext and key'
        assertEquals("pZwJZBLuy3mDACEQT4YTBw==", AesEcb.encrypt(bytes("hello"), PHP_KEY));
        assertArrayEquals(bytes("hello"), AesEcb.decrypt("pZwJZBLuy3mDACEQT4YTBw==", PHP_KEY));
    }

    @Test
    void aBlockAlignedPlaintextGetsAWholePaddingBlock() {
        byte[] sixteen = bytes("0123456789abcdef");
        byte[] encrypted = Base64.getDecoder().decode(AesEcb.encrypt(sixteen, PHP_KEY));
        assertEquals(32, encrypted.length);
        assertArrayEquals(sixteen, AesEcb.decrypt(AesEcb.encrypt(sixteen, PHP_KEY), PHP_KEY));
        assertEquals(16, Base64.getDecoder().decode(AesEcb.encrypt(new byte[0], PHP_KEY)).length);
    }

    @Test
    void reqInfoUsesTheLowerCaseHexMd5OfTheApiV2Key() {
        ApiV2Key key = ApiV2Key.of("192006250b4c09247ec02edce69f6a2d");
        byte[] xml = bytes("<root><out_refund_no><![CDATA[R1]]></out_refund_no></root>");
        String reqInfo = AesEcb.encryptReqInfo(xml, key);
        assertArrayEquals(xml, AesEcb.decryptReqInfo(reqInfo, key));
        // the AES key is md5(key) in lower-case hex: 32 ASCII bytes, not the key itself
        assertEquals(32, key.reqInfoKey().length);
        assertEquals(
                java.util.HexFormat.of().formatHex(md5("192006250b4c09247ec02edce69f6a2d")),
                new String(key.reqInfoKey(), StandardCharsets.US_ASCII));
    }

    @Test
    void aWrongKeyOrBrokenCiphertextIsATypedErrorNotGarbage() {
        String reqInfo = AesEcb.encryptReqInfo(bytes("<root/>"), ApiV2Key.of("192006250b4c09247ec02edce69f6a2d"));
        int garbage = 0;
        // a wrong key fails the padding check nearly always; when padding happens to look valid, the plaintext is
        // garbage that the XML reader refuses, which a caller of decryptReqInfo meets next
        for (int i = 0; i < 50; i++) {
            ApiV2Key other = ApiV2Key.of(String.format("%032d", i));
            try {
                AesEcb.decryptReqInfo(reqInfo, other);
                garbage++;
            } catch (DecryptionException expected) {
                // the typed error
            }
        }
        assertEquals(true, garbage < 5, "wrong keys mostly fail the padding: " + garbage + " of 50 did not");
        assertThrows(DecryptionException.class, () -> AesEcb.decrypt("not base64!", PHP_KEY));
        assertThrows(DecryptionException.class, () -> AesEcb.decrypt("AAAA", PHP_KEY)); // 3 bytes
        assertThrows(DecryptionException.class, () -> AesEcb.decrypt("", PHP_KEY));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] md5(String s) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(bytes(s));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
