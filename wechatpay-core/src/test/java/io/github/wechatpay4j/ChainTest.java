package io.github.wechatpay4j;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Path splitting, placeholder expansion and query encoding: what is signed is what is sent. */
class ChainTest {
    @Test
    void splitsAndTrims() {
        assertEquals(List.of("v3", "pay", "transactions"), Chain.split("/v3/pay/transactions"));
        assertEquals(List.of("v3"), Chain.split("v3"));
    }

    @Test
    void aTrailingSlashIsPartOfThePath() {
        // POST /v3/applyment4sub/applyment/ and /v3/ecommerce/applyments/ end in a slash; without it WeChat Pay
        // sees another path, and the signed path would not be the one WeChat Pay checks
        List<String> segments = Chain.split("v3/applyment4sub/applyment/");
        assertEquals(List.of("v3", "applyment4sub", "applyment", ""), segments);
        assertEquals("/v3/applyment4sub/applyment/", PrepareStage.expandPath(segments, Map.of()));
        WechatPay client = null;
        assertEquals(
                "/v3/ecommerce/applyments/",
                new Chain(client, List.of("v3", "ecommerce", ""))
                        .chain("applyments/")
                        .path());
        assertEquals(
                "/v3/ecommerce/applyments",
                new Chain(client, Chain.split("v3/ecommerce/"))
                        .chain("applyments")
                        .path());
    }

    @Test
    void refusesPathsThatCannotBeEndpoints() {
        for (String bad :
                new String[] {"", "  ", "/", "v3//pay", "v3/pay//", "v3/pay?x=1", "v3/#frag", "v3/../admin", "v3/./x"
                }) {
            assertThrows(InvalidRequestException.class, () -> Chain.split(bad), bad);
        }
        assertThrows(InvalidRequestException.class, () -> Chain.split(null));
    }

    @Test
    void placeholdersArePercentEncodedOnceAndCaseKept() {
        List<String> segments = Chain.split("v3/pay/transactions/out-trade-no/{out_trade_no}");
        assertEquals(
                "/v3/pay/transactions/out-trade-no/AbC%2F1%20%E5%8D%95",
                PrepareStage.expandPath(segments, Map.of("out_trade_no", "AbC/1 单")));
        assertEquals(
                "/v3/x/pre-ID9-post", PrepareStage.expandPath(Chain.split("v3/x/pre-{id}-post"), Map.of("id", "ID9")));
    }

    @Test
    void missingOrUnusedPlaceholderValuesAreErrors() {
        List<String> segments = Chain.split("v3/refund/domestic/refunds/{out_refund_no}");
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> PrepareStage.expandPath(segments, Map.of()));
        assertTrue(missing.getMessage().contains("{out_refund_no}"), missing.getMessage());
        assertThrows(
                InvalidRequestException.class,
                () -> PrepareStage.expandPath(segments, Map.of("out_refund_no", "1", "typo", "2")));
        assertThrows(InvalidRequestException.class, () -> PrepareStage.expandPath(Chain.split("v3/{x"), Map.of()));
    }

    @Test
    void queryIsEncodedOnceInOrder() {
        Options o = Options.query("b", "x y")
                .withQuery("a", "1+1=2")
                .withQuery("b", "微信")
                .withQuery("j", "{\"k\":\"/%\"}")
                .withQuery("skipped", null);
        assertEquals(
                "/v3/x?b=x%20y&a=1%2B1%3D2&b=%E5%BE%AE%E4%BF%A1&j=%7B%22k%22%3A%22%2F%25%22%7D",
                PrepareStage.appendQuery("/v3/x", o.queryParameters()));
        assertEquals("/v3/x", PrepareStage.appendQuery("/v3/x", Options.none().queryParameters()));
    }

    @Test
    void optionsAreImmutableAndChecked() {
        Options base = Options.path("id", "1");
        Options more = base.withHeader("Idempotency-Key", "k").withQuery("q", 5);
        assertEquals(Map.of("id", "1"), base.pathValues());
        assertTrue(base.headers().isEmpty());
        assertEquals("5", more.queryParameters().get(0).getValue());
        assertThrows(InvalidRequestException.class, () -> Options.json(null));
        assertThrows(InvalidRequestException.class, () -> Options.json("{\"a\":1}"));
        assertThrows(InvalidRequestException.class, () -> Options.rawJson(" "));
        assertThrows(InvalidRequestException.class, () -> Options.path("id", ""));
        assertThrows(InvalidRequestException.class, () -> Options.none().withHeader("Bad\nName", "v"));
        assertThrows(
                UnsupportedOperationException.class, () -> more.pathValues().put("x", "y"));
    }

    @Test
    void serviceExceptionRetryabilityAndMessage() {
        ServiceException system = new ServiceException(500, "SYSTEM_ERROR", "系统错误", null, "req-1", true, "{}");
        assertTrue(system.isRetryable());
        assertTrue(system.getMessage().contains("SYSTEM_ERROR")
                && system.getMessage().contains("req-1"));
        assertTrue(new ServiceException(429, "FREQUENCY_LIMITED", "m", null, null, true, "").isRetryable());
        assertTrue(new ServiceException(500, "BANK_ERROR", "m", null, null, true, "").isRetryable());
        assertTrue(new ServiceException(502, null, null, null, null, false, "<html>").isRetryable());
        assertTrue(!new ServiceException(400, "PARAM_ERROR", "m", null, null, true, "").isRetryable());
        assertTrue(!new ServiceException(403, "ORDERPAID", "m", null, null, true, "").isRetryable());
        assertTrue(!new ServiceException(500, "INVALID_REQUEST", "m", null, null, true, "").isRetryable());
        ServiceException html = new ServiceException(502, null, null, null, null, false, "<html>bad gateway</html>");
        assertTrue(html.getMessage().contains("unsigned") && html.getMessage().contains("bad gateway"));
        assertTrue(html.code().isEmpty());
    }
}
