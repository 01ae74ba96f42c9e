package io.github.wechatpay4j.frontend;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.crypto.RsaSigner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Front-end signing on its own: what is signed, in which order, and what is refused before signing. */
class FrontEndPaymentsTest {
    private static final KeyPair KEYS = rsa();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_414_561_699L), ZoneOffset.UTC);
    private final FrontEndPayments payments = FrontEndPayments.of(
            "1900000001", new RsaSigner(KEYS.getPrivate()), CLOCK, () -> "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");

    @Test
    void jsapiSignsAppIdTimestampNonceAndPackageOnFourLines() throws Exception {
        JsapiPayment pay = payments.jsapiPayment("wxd678efh567hg6787", "wx201410272009395522657a690389285100");
        assertEquals("1414561699", pay.timeStamp());
        assertEquals("prepay_id=wx201410272009395522657a690389285100", pay.packageValue());
        assertEquals("RSA", pay.signType());
        assertTrue(verifies(
                "wxd678efh567hg6787\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n"
                        + "prepay_id=wx201410272009395522657a690389285100\n",
                pay.paySign()));
        assertEquals(
                List.of("appId", "timeStamp", "nonceStr", "package", "signType", "paySign"),
                List.copyOf(pay.toMap().keySet()));
    }

    @Test
    void appSignsThePrepayIdItselfWithTheMerchantAsPartner() throws Exception {
        AppPayment pay = payments.appPayment("wxapp", () -> "wx1");
        assertEquals("1900000001", pay.partnerid());
        assertEquals("Sign=WXPay", pay.packageValue());
        assertTrue(verifies("wxapp\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nwx1\n", pay.sign()));
        assertEquals(
                "1230000109", payments.appPayment("wxapp", "1230000109", "wx1").partnerid());
    }

    @Test
    void refusesWhatCannotBeSignedOnOneLine() {
        assertThrows(InvalidRequestException.class, () -> payments.jsapiPayment("", "wx1"));
        assertThrows(InvalidRequestException.class, () -> payments.jsapiPayment("wx1", (String) null));
        assertThrows(InvalidRequestException.class, () -> payments.appPayment("wx1", "a\nb"));
        assertThrows(InvalidRequestException.class, () -> payments.appPayment("wx1", (PrepayAnswer) null));
        assertThrows(InvalidRequestException.class, () -> FrontEndPayments.of("1900000001", null, CLOCK, () -> "n"));
        assertThrows(
                InvalidRequestException.class,
                () -> FrontEndPayments.of(" ", new RsaSigner(KEYS.getPrivate()), CLOCK, () -> "n"));
    }

    private static boolean verifies(String message, String signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KEYS.getPublic());
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
