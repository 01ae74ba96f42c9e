package io.github.wechatpay4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatpay4j.testkit.FakeNotification;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The crypto floor of handling one notification, by hand with the JCA: one SHA256withRSA verify of its signed message
 * and one AES-256-GCM decrypt of its resource. Everything else (reading the headers and the JSON, building the signed
 * message, Base64) is done once here, not per call: what is left is what no SDK can avoid.
 */
final class NotificationFloor {
    private final PublicKey platformKey;
    private final byte[] message;
    private final byte[] signature;
    private final SecretKeySpec key;
    private final byte[] nonce;
    private final byte[] associatedData;
    private final byte[] ciphertext;

    NotificationFloor(FakeNotification n, PublicKey platformKey, String apiV3Key) throws IOException {
        this.platformKey = platformKey;
        message = (n.header("Wechatpay-Timestamp") + "\n" + n.header("Wechatpay-Nonce") + "\n"
                        + new String(n.body(), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        signature = Base64.getDecoder().decode(n.header("Wechatpay-Signature"));
        JsonNode resource = new ObjectMapper().readTree(n.body()).get("resource");
        key = new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES");
        nonce = resource.get("nonce").asText().getBytes(StandardCharsets.UTF_8);
        associatedData = resource.get("associated_data").asText().getBytes(StandardCharsets.UTF_8);
        ciphertext = Base64.getDecoder().decode(resource.get("ciphertext").asText());
    }

    /** Verifies and decrypts; the plaintext resource. */
    byte[] handle() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(platformKey);
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("the notification does not verify");
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        gcm.updateAAD(associatedData);
        return gcm.doFinal(ciphertext);
    }
}
