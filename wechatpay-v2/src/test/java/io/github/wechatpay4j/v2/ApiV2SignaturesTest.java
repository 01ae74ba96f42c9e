package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** APIv2 signatures against vectors nobody here computed. */
class ApiV2SignaturesTest {
    /**
     * WeChat Pay's own example in the APIv2 安全规范 (pay.weixin.qq.com/wiki/doc/api/jsapi.php?chapter=4_3): stringA,
     * the key, and both signatures, as the documentation prints them.
     */
    private static final ApiV2Key DOC_KEY = ApiV2Key.of("192006250b4c09247ec02edce69f6a2d");

    private static Map<String, String> docFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("appid", "wxd930ea5d5a258f4f");
        f.put("mch_id", "10000100");
        f.put("device_info", "1000");
        f.put("body", "test");
        f.put("nonce_str", "ibuaiVcKdpRxkhJA");
        return f;
    }

    @Test
    void theDocumentationsExampleSignsToItsMd5AndHmacSha256() {
        assertEquals("9A0A8659F005D6984697E2CA0A9CF3B7", ApiV2Signatures.sign(docFields(), SignType.MD5, DOC_KEY));
        assertEquals(
                "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
                ApiV2Signatures.sign(docFields(), SignType.HMAC_SHA256, DOC_KEY));
    }

    @Test
    void anEmptyFieldSetSignsToTheAxiosPluginsVector() {
        // TheNorthMemory/wechatpay-axios-plugin tests/lib/hash.test.js:
        // Hash.md5('', 'exposed_your_key_here_have_risks') === 'b3d43c8390f26e2030d4d17bd580fbc8'; Hash.sign
        // upper-cases it
        assertEquals(
                "B3D43C8390F26E2030D4D17BD580FBC8",
                ApiV2Signatures.sign(Map.of(), SignType.MD5, ApiV2Key.of("exposed_your_key_here_have_risks")));
    }

    @Test
    void emptyValuesAndSignAreLeftOutAndOrderDoesNotMatter() {
        Map<String, String> noisy = new LinkedHashMap<>();
        noisy.put("nonce_str", "ibuaiVcKdpRxkhJA");
        noisy.put("sign", "ANYTHING");
        noisy.put("attach", "");
        noisy.put("body", "test");
        noisy.put("device_info", "1000");
        noisy.put("mch_id", "10000100");
        noisy.put("appid", "wxd930ea5d5a258f4f");
        assertEquals("9A0A8659F005D6984697E2CA0A9CF3B7", ApiV2Signatures.sign(noisy, SignType.MD5, DOC_KEY));
    }

    @Test
    void verificationIsByTheExpectedAlgorithmOnly() {
        Map<String, String> md5Signed = new LinkedHashMap<>(docFields());
        md5Signed.put("sign", "9A0A8659F005D6984697E2CA0A9CF3B7");
        assertDoesNotThrow(() -> ApiV2Signatures.verify(md5Signed, SignType.MD5, DOC_KEY));
        // an MD5-signed answer to an HMAC-SHA256 request is refused, not verified by guessing from its length
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> ApiV2Signatures.verify(md5Signed, SignType.HMAC_SHA256, DOC_KEY));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());

        Map<String, String> lowerCase = new LinkedHashMap<>(docFields());
        lowerCase.put("sign", "9a0a8659f005d6984697e2ca0a9cf3b7");
        assertThrows(
                SignatureVerificationException.class, () -> ApiV2Signatures.verify(lowerCase, SignType.MD5, DOC_KEY));

        Map<String, String> tampered = new LinkedHashMap<>(md5Signed);
        tampered.put("body", "test2");
        assertThrows(
                SignatureVerificationException.class, () -> ApiV2Signatures.verify(tampered, SignType.MD5, DOC_KEY));

        assertEquals(
                Reason.MALFORMED_SIGNATURE,
                assertThrows(
                                SignatureVerificationException.class,
                                () -> ApiV2Signatures.verify(docFields(), SignType.MD5, DOC_KEY))
                        .reason());
    }

    @Test
    void theKeyIs32PrintableCharactersAndNeverShown() {
        assertThrows(ConfigurationException.class, () -> ApiV2Key.of("0123456789012345678901234567890"));
        ConfigurationException spaced =
                assertThrows(ConfigurationException.class, () -> ApiV2Key.of("0123456789 12345678901234567890a"));
        assertFalse(spaced.getMessage().contains("0123456789"), spaced.getMessage());
        assertTrue(spaced.getMessage().contains("APIv3"), "says which key it is not: " + spaced.getMessage());
        assertEquals("ApiV2Key[****]", DOC_KEY.toString());
    }

    @Test
    void signTypeNamesAreTheWireNames() {
        assertEquals(SignType.MD5, SignType.ofRequest(null));
        assertEquals(SignType.HMAC_SHA256, SignType.ofRequest("HMAC-SHA256"));
        assertThrows(RuntimeException.class, () -> SignType.ofRequest("hmac-sha256"));
    }
}
