package io.github.wechatpay4j.it;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.download.EncryptedBillFile;
import io.github.wechatpay4j.download.EncryptedBillFiles;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.testkit.BillSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1 GiB bill streamed (the unverified variant: no temporary file), un-gzipped and SHA-1 checked through a 64 MiB
 * heap (client and fake server in one JVM):
 * run with {@code mvn -pl :wechatpay-integration-tests -am verify -Pmemory-bound}.
 */
@Tag("memory")
class BigBillTest extends FakeServerTestBase {
    private static final long GIB = 1L << 30;

    @ParameterizedTest(name = "{0}, gzip={1}, encrypted={2}")
    @CsvSource({
        "jdk, false, false",
        "jdk, true, false",
        "okhttp, false, false",
        "apache, false, false",
        "jdk, true, true"
    })
    void aGibibyteBillStreamsThroughASmallHeap(String transport, boolean gzip, boolean encrypted) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 80L << 20, "run with -Xmx64m (the memory-bound profile), max heap is " + maxHeap);
        server.bill(BillSource.repeating(BillDownloadTest.BILL.getBytes(StandardCharsets.UTF_8), GIB));
        long[] written = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        try (HttpTransport t = BillDownloadTest.transport(transport);
                WechatPay client = server.clientBuilder().transport(t).build()) {
            Options query = Options.query("bill_date", "2026-11-22").withQuery("tar_type", gzip ? "GZIP" : null);
            if (encrypted) {
                EncryptedBillFile file = client.chain("v3/bill/sub-merchant-fundflowbill")
                        .get(query.withQuery("sub_mchid", "1900000109").withQuery("algorithm", "AEAD_AES_256_GCM"))
                        .as(EncryptedBillFiles.class)
                        .downloadBillList()
                        .get(0);
                assertEquals(GIB, client.downloads().billUnverified(file, counting));
            } else {
                BillFile bill = client.chain("v3/bill/tradebill").get(query).as(BillFile.class);
                assertEquals(GIB, client.downloads().billUnverified(bill, counting));
            }
        }
        assertEquals(GIB, written[0]);
    }
}
