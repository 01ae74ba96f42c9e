package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.download.BillCsv;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Test vectors from wechatpay-axios-plugin's own test suite (github.com/TheNorthMemory/wechatpay-axios-plugin at
 * f5bc863, MIT; see {@code src/test/resources/vectors/NOTICE}), reproduced byte for byte by our code. Each test names
 * the file its vector comes from.
 */
class AxiosPluginVectorsTest {
    /** tests/lib/aes.test.js: {@code mockupKey} and {@code mockupIv} (a 16-byte IV, not WeChat Pay's usual 12). */
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private static final String IV = "0123456789abcdef";

    /** tests/lib/aes.test.js: {@code AesGcm.encrypt('', key, iv, '')} is {@code GvpmmdtYwexXIPhySs9Tlg==}. */
    @Test
    void anEmptyPlaintextIsItsTagAlone() throws Exception {
        assertArrayEquals(new byte[0], ApiV3Key.of(KEY).decrypt("", IV, "GvpmmdtYwexXIPhySs9Tlg=="));
        try (InputStream in = new GcmDecryptingStream(
                new ByteArrayInputStream(Base64.getDecoder().decode("GvpmmdtYwexXIPhySs9Tlg==")),
                KEY.getBytes(StandardCharsets.US_ASCII),
                IV.getBytes(StandardCharsets.US_ASCII))) {
            assertArrayEquals(new byte[0], in.readAllBytes());
        }
    }

    /** tests/lib/aes.test.js: {@code AesGcm.encrypt('hello', key, iv, 'world')} is {@code APoZlYpivU3HjbAiB4CvW1rAFr8J}. */
    @Test
    void helloWithWorldAsAssociatedData() throws Exception {
        assertEquals("hello", ApiV3Key.of(KEY).decryptToString("world", IV, "APoZlYpivU3HjbAiB4CvW1rAFr8J"));
        try (InputStream in = new GcmDecryptingStream(
                new ByteArrayInputStream(Base64.getDecoder().decode("APoZlYpivU3HjbAiB4CvW1rAFr8J")),
                KEY.getBytes(StandardCharsets.US_ASCII),
                IV.getBytes(StandardCharsets.US_ASCII),
                "world".getBytes(StandardCharsets.US_ASCII))) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    /**
     * tests/lib/formatter.test.js: {@code Formatter.request(1,2,3,4,5)} is {@code "1\n2\n3\n4\n5\n"},
     * {@code request(6,7,8,9)} is {@code "6\n7\n8\n9\n\n"}; {@code response(3,2,1)} is {@code "3\n2\n1\n"},
     * {@code response(9,8)} is {@code "9\n8\n\n"}.
     */
    @Test
    void signedMessagesAreTheirLinesEachEndedByALineFeed() {
        assertEquals("1\n2\n3\n4\n5\n", utf8(Protocol.requestMessage("1", "2", 3, "4", bytes("5"))));
        assertEquals("6\n7\n8\n9\n\n", utf8(Protocol.requestMessage("6", "7", 8, "9", new byte[0])));
        assertEquals("3\n2\n1\n", utf8(Protocol.responseMessage("3", "2", bytes("1"))));
        assertEquals("9\n8\n\n", utf8(Protocol.responseMessage("9", "8", new byte[0])));
    }

    /**
     * tests/fixtures/bill.ALL.csv (a trade bill as WeChat Pay writes it: UTF-8 BOM, backquoted values, 45 records,
     * a summary) read as tests/lib/formatter.test.js reads it: {@code summary['总交易单数'] == '45.0'}.
     */
    @Test
    void theReferenceTradeBillParses() throws Exception {
        try (InputStream in = AxiosPluginVectorsTest.class.getResourceAsStream("/vectors/bill.ALL.csv")) {
            assertNotNull(in);
            BillCsv.Table bill = BillCsv.parse(in);
            assertEquals("交易时间", bill.columns().get(0), "the BOM is not part of the first column's name");
            assertEquals(27, bill.columns().size());
            assertEquals(45, bill.rows().size());
            assertEquals(
                    List.of("总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"),
                    bill.summaryColumns());
            assertEquals("45.0", bill.summary().get("总交易单数"));
            assertEquals("0.47", bill.summary().get("应结订单总金额"));
            assertEquals("4200000263201902167700134212", bill.rows().get(0).get("微信订单号"));
            assertEquals("39.00%", bill.rows().get(0).get("费率"));
            assertEquals("", bill.rows().get(0).get("商户数据包"), "an empty backquoted value stays empty");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
