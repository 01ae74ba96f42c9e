package io.github.wechatpay4j.fuzz;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletionException;

/**
 * What every fuzz target shares: keys generated once per JVM, both codecs, signing and sealing as WeChat Pay does,
 * and the property itself: nothing but a {@link WechatPayException} subtype may escape.
 */
final class Harness {
    static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000000012026112300000000000001";
    static final String API_V3_KEY = "0123456789abcdefghijABCDEFGHIJ89";
    static final KeyPair PLATFORM = rsa();
    static final KeyPair MERCHANT = rsa();
    static final PlatformKeys VERIFIER = PlatformKeys.builder()
            .publicKey(PUBLIC_KEY_ID, PLATFORM.getPublic())
            .build();
    static final ApiV3Key APIV3 = ApiV3Key.of(API_V3_KEY);
    static final JsonCodec JACKSON = new JacksonJsonCodec();
    static final JsonCodec GSON = new GsonJsonCodec();

    private Harness() {}

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client for {@code transport}'s answers, with one attempt per call. */
    static WechatPay.Builder client() {
        return WechatPay.builder()
                .merchantId("1900000001")
                .merchantSerialNumber("3775B6A45ACD588826D15E583A95F5DD2C3F8A1B")
                .privateKey(MERCHANT.getPrivate())
                .apiV3Key(API_V3_KEY)
                .wechatpayPublicKey(PUBLIC_KEY_ID, PLATFORM.getPublic())
                .retryPolicy(io.github.wechatpay4j.RetryPolicy.none());
    }

    /** The platform signature over {@code timestamp\nnonce\nbody\n}. */
    static String sign(long timestamp, String nonce, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(PLATFORM.getPrivate());
            s.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            s.update(body);
            s.update((byte) '\n');
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** AES-256-GCM with the APIv3 key, as WeChat Pay seals notification resources; Base64. */
    static String seal(String nonce, String aad, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(c.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code action}; a {@link WechatPayException} is an accepted outcome, anything else is a finding. */
    static void only(Action action) {
        try {
            action.run();
        } catch (WechatPayException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a WechatPayException without a message", expected);
            }
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof WechatPayException)) {
                throw new AssertionError("an async call failed with " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new AssertionError("escaped: " + e, e);
        }
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }
}
