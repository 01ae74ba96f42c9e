package io.github.wechatpay4j.spring.boot.test;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.spring.boot.autoconfigure.WechatPayClients;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several merchants, each on its own fake that signs with platform certificates, which each client downloads. */
@SpringBootTest
@AutoConfigureFakeWechatPay(
        merchants = {"shop", "mall"},
        mode = FakeWechatPay.Mode.CERTIFICATE)
class SeveralMerchantsTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @Autowired
    FakeWechatPays fakes;

    @Autowired
    WechatPayClients clients;

    @Test
    void eachMerchantTalksToItsOwnFakeWithDownloadedCertificates() {
        assertEquals(clients.names(), fakes.merchants());
        for (String name : clients.names()) {
            FakeWechatPay fake = fakes.get(name);
            assertEquals(fake.keys().mchid(), clients.get(name).merchantId());
            assertEquals(fake.baseUrl(), clients.get(name).baseUrl());
            assertTrue(
                    clients.get(name)
                            .verifier()
                            .serialNumbers()
                            .contains(fake.keys().platformSerial()),
                    "downloaded at start: " + clients.get(name));
        }
        assertNotEquals(clients.get("shop").merchantId(), clients.get("mall").merchantId());
    }

    @Test
    void faultsAreTheTestsOwnAndClearedAfterIt() {
        fakes.get("mall").fault(FakeWechatPay.Fault.SYSTEM_ERROR);
        assertThrows(
                ServiceException.class,
                () -> clients.get("mall")
                        .chain("v3/pay/transactions/out-trade-no/{no}")
                        .get(Options.path("no", "NONE-000001")
                                .withQuery("mchid", clients.get("mall").merchantId())));
        assertThrows(IllegalArgumentException.class, () -> fakes.get("other"));
    }
}
