package io.github.wechatpay4j.it;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18, item 8: what the client sends and how it reads error answers, as WeChat Pay expects. */
class ClientFidelityTest extends FakeServerTestBase {

    /** A SIGN_ERROR carries WeChat Pay's sign_information: what it verified, to compare with what was signed. */
    @Test
    void aSignErrorSaysWhatWechatPayVerified() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        WechatPay wrongKey = track(server.clientBuilder()
                .privateKey(rsa.generateKeyPair().getPrivate())
                .build());
        server.on("GET", "/v3/pay/transactions/id/4200000001", FakeResponse.ok("{}"));
        ServiceException e = assertThrows(
                ServiceException.class,
                () -> wrongKey.chain("v3/pay/transactions/id/{id}")
                        .get(Options.path("id", "4200000001").withQuery("mchid", "1")));
        assertEquals("SIGN_ERROR", e.code().orElseThrow());
        ServiceException.SignInformation information = e.signInformation().orElseThrow();
        assertEquals("GET", information.method());
        assertEquals("/v3/pay/transactions/id/4200000001?mchid=1", information.url());
        assertTrue(
                information.truncatedSignMessage().startsWith("GET\n/v3/pay/transactions/id/4200000001?mchid=1\n"),
                information.truncatedSignMessage());
        assertEquals(
                information.truncatedSignMessage().length(),
                information.signMessageLength().intValue());
        assertTrue(e.isSigned(), "the error answer itself is signed");
    }

    /** An error answer whose signature headers are present but do not verify was altered: said so, not "unsigned". */
    @Test
    void anErrorAnswerWithABadSignatureIsReportedAsAlteredNotUnsigned() {
        WechatPay client =
                track(server.clientBuilder().retryPolicy(RetryPolicy.none()).build());
        server.fault(Fault.SYSTEM_ERROR).fault(Fault.TAMPER_BODY);
        ServiceException altered = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/id/{id}")
                        .get(Options.path("id", "4200000001").withQuery("mchid", "1")));
        assertFalse(altered.isSigned());
        assertTrue(altered.isSignatureInvalid());
        assertTrue(altered.getMessage().contains("does not verify"), altered.getMessage());

        server.clearFaults().fault(Fault.UNSIGNED_HTML_502);
        ServiceException gateway = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/id/{id}")
                        .get(Options.path("id", "4200000001").withQuery("mchid", "1")));
        assertFalse(gateway.isSigned());
        assertFalse(gateway.isSignatureInvalid(), "a gateway page carries no signature at all");
        assertTrue(gateway.getMessage().contains("[unsigned]"), gateway.getMessage());
    }

    /** Certificate downloads ask for RSA certificates, as the reference SDKs do (?algorithm_type=RSA). */
    @Test
    void certificateDownloadsAskForRsa() {
        try (FakeWechatPay certificates = FakeWechatPay.start(keys, FakeWechatPay.Mode.CERTIFICATE);
                WechatPay client =
                        certificates.merchantBuilder().autoCertificates().build()) {
            RecordedRequest download = certificates.requests().get(0);
            assertEquals("/v3/certificates", download.rawPath());
            assertEquals("algorithm_type=RSA", download.rawQuery());
            assertTrue(download.signatureValid(), "the query is part of what was signed");
            assertFalse(client.toString().isEmpty());
        }
    }

    /**
     * Issue 18, item 5: a public key and automatic certificates both configured, and WeChat Pay answering 404
     * RESOURCE_NOT_EXISTS (the certificates were voided after the migration): the client builds and works with the
     * public key, and stops asking for certificates.
     */
    @Test
    void aMigrationOutlivesItsCertificates() {
        server.clearRequests();
        WechatPay client = track(server.clientBuilder().autoCertificates().build());
        server.on("GET", "/v3/pay/transactions/id/4200000001", FakeResponse.ok("{\"trade_state\":\"SUCCESS\"}"));
        assertEquals(
                "SUCCESS",
                client.chain("v3/pay/transactions/id/{id}")
                        .get(Options.path("id", "4200000001").withQuery("mchid", "1"))
                        .asMap()
                        .get("trade_state"));
        assertEquals(
                1,
                server.requests().stream()
                        .filter(r -> r.rawPath().equals("/v3/certificates"))
                        .count());
    }

    /** Issue 18, item 5: a 500 SYSTEM_ERROR from /v3/certificates while building says what it likely means. */
    @Test
    void aSystemErrorFromTheCertificatesOfANewMerchantExplainsItself() {
        try (FakeWechatPay certificates = FakeWechatPay.start(keys, FakeWechatPay.Mode.CERTIFICATE)) {
            certificates.on("GET", "/v3/certificates", FakeResponse.error(500, "SYSTEM_ERROR", "系统错误"));
            io.github.wechatpay4j.ConfigurationException e = assertThrows(
                    io.github.wechatpay4j.ConfigurationException.class,
                    () -> certificates
                            .merchantBuilder()
                            .retryPolicy(RetryPolicy.none())
                            .autoCertificates()
                            .build());
            assertTrue(e.getMessage().contains("wechatpayPublicKey"), e.getMessage());
            assertTrue(e.getCause() instanceof ServiceException);
        }
    }
}
