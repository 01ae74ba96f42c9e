package io.github.wechatpay4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.wechatpay4j.crypto.Keys;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.github.wechatpay4j.fuzz.Harness.only;

/** PEM loading: private keys (PKCS#1, PKCS#8), public keys and certificates, from text and streams. */
class PemFuzzTest {
    private static final String[] LABELS = {
        "PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "CERTIFICATE", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY"
    };

    @FuzzTest(maxDuration = "8s")
    @DictionaryEntries({
        "-----BEGIN ",
        "-----END ",
        "-----",
        "PRIVATE KEY",
        "RSA PRIVATE KEY",
        "CERTIFICATE",
        "PUBLIC KEY",
        "MII"
    })
    void pemLoadingFailsOnlyWithConfigurationErrors(FuzzedDataProvider data) {
        String text;
        if (data.consumeBoolean()) {
            // a well-framed block around fuzzed DER, so the decoders themselves are reached
            String label = data.pickValue(LABELS);
            String eol = data.consumeBoolean() ? "\r\n" : "\n";
            text = "-----BEGIN " + label + "-----" + eol
                    + Base64.getMimeEncoder(64, eol.getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(data.consumeRemainingAsBytes())
                    + eol + "-----END " + label + "-----" + eol;
        } else {
            text = data.consumeRemainingAsString();
        }
        only(() -> Keys.privateKeyFromPem(text));
        only(() -> Keys.publicKeyFromPem(text));
        only(() -> Keys.certificatesFromPem(text));
        only(() -> Keys.privateKeyFromStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }
}
