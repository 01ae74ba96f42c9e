package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.RsaSigner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Test vectors from the official Go SDK's own test suite (github.com/wechatpay-apiv3/wechatpay-go at 6dbd7ce,
 * Apache-2.0; see {@code src/test/resources/vectors/NOTICE}), reproduced byte for byte by our code. Each test names
 * the file its vector comes from.
 */
class ReferenceVectorsTest {

    /** core/auth/signers/sha256withrsa_signer_test.go: its test key ("TESTING KEY" renamed, as the Go test does). */
    private static final String GO_TEST_KEY = String.join(
            "\n",
            "-----BEGIN PRIVATE KEY-----",
            "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDZUJN33V+dSfvd",
            "fL0Mu+39XrZNXFFMQSy1V15FpncHeV47SmV0TzTqZc7hHB0ddqAdDi8Z5k3TKqb7",
            "6sOwYr5TcAfuR6PIPaleyE0/0KrljBum2Isa2Nyq7Dgc3ElBQ6YN4l/a+DpvKaz1",
            "FSKmKrhLNskqokWVSlu4g8OlKlbPXQ9ibII14MZRQrrkTmHYHzfi7GXXM0thAKuR",
            "0HNvyhTHBh4/lrYM3GaMvmWwkwvsMavnOex6+eioZHBOb1/EIZ/LzC6zuHArPpyW",
            "3daGaZ1rtQB1vVzTyERAVVFsXXgBHvfFud3w3ShsJYk8JvMwK2RpJ5/gV0QSARcm",
            "LDRUAlPzAgMBAAECggEBAMc7rDeUaXiWv6bMGbZ3BTXpg1FhdddnWUnYE8HfX/km",
            "OFI7XtBHXcgYFpcjYz4D5787pcsk7ezPidAj58zqenuclmjKnUmT3pfbI5eCA2v4",
            "C9HnbYDrmUPK1ZcADtka4D6ScDccpNYNa1g2TFHzkIrEa6H+q7S3O2fqxY/DRVtN",
            "0JIXalBb8daaqL5QVzSmM2BMVnHy+YITJWIkP2a3pKs9C0W65JGDsnG0wVrHinHF",
            "+cnhFZIbaPEI//DAFMc9NkrWOKVRTEgcCUxCFaHOZVNxDWZD7A2ZfJB2rK6eg//y",
            "gEiFDR2h6mTaDowMB4YF2n2dsIO4/dCG8vPHI20jn4ECgYEA/ZGu6lEMlO0XZnam",
            "AZGtiNgLcCfM/C2ZERZE7QTRPZH1WdK92Al9ndldsswFw4baJrJLCmghjF/iG4zi",
            "hhBvLnOLksnZUfjdumxoHDWXo2QBWbI5QsWIE7AuTiWgWj1I7X4fCXSQf6i+M/y2",
            "6TogQ7d0ANpZFyOkTNMn/tiJvLECgYEA22XqlamG/yfAGWery5KNH2DGlTIyd6xJ",
            "WtJ9j3jU99lZ0bCQ5xhiBbU9ImxCi3zgTsoqLWgA/p00HhNFNoUcTl9ofc0G3zwT",
            "D1y0ZzcnVKxGJdZ6ohW52V0hJStAigtjYAsUgjm7//FH7PiQDBDP1Wa6xSRkDQU/",
            "aSbQxvEE8+MCgYEA3bb8krW7opyM0XL9RHH0oqsFlVO30Oit5lrqebS0oHl3Zsr2",
            "ZGgoBlWBsEzk3UqUhTFwm/DhJLTSJ/TQPRkxnhQ5/mewNhS9C7yua7wQkzVmWN+V",
            "YeUGTvDGDF6qDz12/vJAgSwDDRym8x4NcXD5tTw7mmNRcwIfL22SkysThIECgYAV",
            "BgccoEoXWS/HP2/u6fQr9ZIR6eV8Ij5FPbZacTG3LlS1Cz5XZra95UgebFFUHHtC",
            "EY1JHJY7z8SWvTH8r3Su7eWNaIAoFBGffzqqSVazfm6aYZsOvRY6BfqPHT3p/H1h",
            "Tq6AbBffxrcltgvXnCTORjHPglU0CjSxVs7awW3AEQKBgB5WtaC8VLROM7rkfVIq",
            "+RXqE5vtJfa3e3N7W3RqxKp4zHFAPfr82FK5CX2bppEaxY7SEZVvVInKDc5gKdG/",
            "jWNRBmvvftZhY59PILHO2X5vO4FXh7suEjy6VIh0gsnK36mmRboYIBGsNuDHjXLe",
            "BDa+8mDLkWu5nHEhOxy2JJZl",
            "-----END PRIVATE KEY-----");

    /** The same file: SHA256withRSA of "source" with that key. */
    private static final String GO_EXPECTED_SIGNATURE =
            "BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqIMzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==";

    @Test
    void sha256WithRsaSignatureMatchesTheGoSdk() {
        RsaSigner signer = new RsaSigner(Keys.privateKeyFromPem(GO_TEST_KEY));
        assertEquals(GO_EXPECTED_SIGNATURE, signer.sign("source".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * core/auth/credentials/wechat_pay_credential_test.go: the Authorization value for a fixed nonce and timestamp,
     * with the Go test's mock signer (algorithm "Mock", signature "Sign:" + the message), for a GET and a POST.
     */
    @Test
    void authorizationValueMatchesTheGoSdk() {
        long timestamp = 1624523846L;
        String nonce = "A1B2C3D4E5F6G7";
        String get = "Sign:"
                + new String(
                        Protocol.requestMessage("GET", "/v3/certificates", timestamp, nonce, new byte[0]),
                        StandardCharsets.UTF_8);
        assertEquals(
                "WECHATPAY2-Mock mchid=\"1234567890\",nonce_str=\"A1B2C3D4E5F6G7\",timestamp=\"1624523846\","
                        + "serial_no=\"0123456789ABC\",signature=\"Sign:GET\n/v3/certificates\n1624523846\nA1B2C3D4E5F6G7\n\n\"",
                Protocol.authorization("Mock", "1234567890", nonce, timestamp, "0123456789ABC", get));
        String post = "Sign:"
                + new String(
                        Protocol.requestMessage(
                                "POST",
                                "/v3/certificates",
                                timestamp,
                                nonce,
                                "Hello World!\n".getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);
        assertEquals(
                "WECHATPAY2-Mock mchid=\"1234567890\",nonce_str=\"A1B2C3D4E5F6G7\",timestamp=\"1624523846\","
                        + "serial_no=\"0123456789ABC\",signature=\"Sign:POST\n/v3/certificates\n1624523846\nA1B2C3D4E5F6G7\n"
                        + "Hello World!\n\n\"",
                Protocol.authorization("Mock", "1234567890", nonce, timestamp, "0123456789ABC", post));
    }

    /**
     * utils/aes_test.go: AEAD_AES_256_GCM as WeChat Pay uses it for resources (nonce, associated data, Base64 of
     * ciphertext and tag), here with the Go test's 16-byte key, through the same GCM code our bills use.
     */
    @Test
    void aesGcmResourceDecryptionMatchesTheGoSdk() throws Exception {
        byte[] sealed = Base64.getDecoder().decode("FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC");
        try (InputStream in = new GcmDecryptingStream(
                new ByteArrayInputStream(sealed),
                "testAPIv3Key0000".getBytes(StandardCharsets.UTF_8),
                "wCq51qZv4Yfg".getBytes(StandardCharsets.UTF_8),
                "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8".getBytes(StandardCharsets.UTF_8))) {
            assertArrayEquals("Hello World".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        // the same file's "wrong aes key" case
        assertThrows(
                GcmDecryptingStream.BadTagException.class,
                () -> new GcmDecryptingStream(
                                new ByteArrayInputStream(sealed),
                                "testAPIv3Key1111".getBytes(StandardCharsets.UTF_8),
                                "wCq51qZv4Yfg".getBytes(StandardCharsets.UTF_8),
                                "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8".getBytes(StandardCharsets.UTF_8))
                        .readAllBytes());
    }
}
