package io.github.wechatpay4j.download;

import io.github.wechatpay4j.MalformedResponseException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BillCsvTest {
    private static final String TRADE = "\uFEFF交易时间,商户订单号,应结订单金额,商品名称\r\n"
            + "`2026-11-22 10:00:01,`T1,`1.00,`测试商品\r\n"
            + "`2026-11-22 10:05:00,`00012,`0.01,`\r\n"
            + "总交易单数,应结订单总金额\r\n"
            + "`2,`1.01\r\n";

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rowsAndSummaryWithoutBackquotesBomOrCarriageReturns() {
        BillCsv.Table t = BillCsv.parse(in(TRADE));
        assertEquals(List.of("交易时间", "商户订单号", "应结订单金额", "商品名称"), t.columns());
        assertEquals(2, t.rows().size());
        assertEquals("T1", t.rows().get(0).get("商户订单号"));
        assertEquals("00012", t.rows().get(1).get("商户订单号"), "leading zeros are kept");
        assertEquals("", t.rows().get(1).get("商品名称"));
        assertEquals(Map.of("总交易单数", "2", "应结订单总金额", "1.01"), t.summary());
    }

    @Test
    void streamingSeesEachRowOnce() {
        List<String> orders = new ArrayList<>();
        BillCsv.Summary s = BillCsv.read(in(TRADE), row -> orders.add(row.get("商户订单号")));
        assertEquals(List.of("T1", "00012"), orders);
        assertEquals("1.01", s.summary().get("应结订单总金额"));
    }

    @Test
    void linesThatDoNotFitAreTyped() {
        assertThrows(MalformedResponseException.class, () -> BillCsv.parse(in("")));
        assertThrows(MalformedResponseException.class, () -> BillCsv.parse(in("a,b\n`1,`2,`3\n")));
        assertThrows(MalformedResponseException.class, () -> BillCsv.parse(in("a\n`1\nsum\n`1\n`2\n")));
        assertEquals(0, BillCsv.parse(in("a,b\n")).rows().size());
    }
}
