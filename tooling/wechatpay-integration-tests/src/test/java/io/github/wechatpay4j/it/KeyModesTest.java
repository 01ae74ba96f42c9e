package io.github.wechatpay4j.it;

import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay.Mode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public-key mode, certificate mode, and both at once while a merchant migrates. */
class KeyModesTest extends FakeServerTestBase {

    private void route() {
        server.on("GET", "/v3/ping", FakeResponse.ok("{\"pong\":true}"));
    }

    @Test
    void certificateMode() {
        route();
        server.mode(Mode.CERTIFICATE);
        WechatPay client =
                track(server.clientBuilder().jsonCodec(codec("jackson")).build());
        assertEquals(true, client.chain("v3/ping").get().asMap().get("pong"));
        assertTrue(keys.platformSerial().startsWith("0"), "the test certificate serial starts with a zero digit");
        assertTrue(client.verifier().serialNumbers().contains(keys.platformSerial()));
    }

    @Test
    void certificateFromPemText() {
        route();
        server.mode(Mode.CERTIFICATE);
        WechatPay client = track(WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantPrivateKeyPem())
                .platformCertificates(keys.platformCertificatePem())
                .baseUrl(server.baseUrl())
                .jsonCodec(codec("gson"))
                .build());
        assertEquals(true, client.chain("v3/ping").get().asMap().get("pong"));
    }

    @Test
    void migrationAcceptsBothKeysRoutedBySerial() {
        route();
        WechatPay client = track(WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantPrivateKeyPem())
                .wechatpayPublicKey(keys.publicKeyId(), keys.platformPublicKeyPem())
                .platformCertificates(keys.platformCertificatePem())
                .baseUrl(server.baseUrl())
                .jsonCodec(codec("jackson"))
                .build());
        for (Mode mode : new Mode[] {Mode.PUBLIC_KEY, Mode.CERTIFICATE, Mode.PUBLIC_KEY}) {
            server.mode(mode);
            assertEquals(true, client.chain("v3/ping").get().asMap().get("pong"), mode.name());
        }
    }

    @Test
    void aPublicKeyOnlyClientRejectsCertificateSignedAnswers() {
        route();
        WechatPay client = client();
        server.mode(Mode.CERTIFICATE);
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> client.chain("v3/ping").get());
        assertEquals(SignatureVerificationException.Reason.UNKNOWN_SERIAL, e.reason());
        assertTrue(e.getMessage().contains(keys.platformSerial()), e.getMessage());
    }
}
