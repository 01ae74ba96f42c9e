package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** APIv2 XML: what it reads, what it writes, and the hostile documents it refuses. */
class ApiV2XmlTest {
    private static Map<String, String> read(String xml) {
        return ApiV2Xml.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsCdataCharacterReferencesAndPredefinedEntitiesAsText() {
        Map<String, String> f = read("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml>\n"
                + "  <return_code><![CDATA[SUCCESS]]></return_code>\n"
                + "  <total_fee>100</total_fee>\n"
                + "  <body><![CDATA[腾讯充值中心-QQ会员充值]]></body>\n"
                + "  <attach>&#x4E2D;&#25991; a&lt;b&amp;c</attach>\n"
                + "  <empty></empty>\n"
                + "  <!-- a comment -->\n"
                + "</xml>");
        assertEquals(List.of("return_code", "total_fee", "body", "attach", "empty"), List.copyOf(f.keySet()));
        assertEquals("SUCCESS", f.get("return_code"));
        assertEquals("100", f.get("total_fee"));
        assertEquals("腾讯充值中心-QQ会员充值", f.get("body"));
        assertEquals("中文 a<b&c", f.get("attach"));
        assertEquals("", f.get("empty"));
    }

    @Test
    void whatItWritesItReadsBack() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("appid", "wxd930ea5d5a258f4f");
        fields.put("total_fee", "100");
        fields.put("body", "2>1<0 & ]]> 中文 😀");
        fields.put("skipped", null);
        fields.put("detail", "{\"goods_detail\":[{\"goods_id\":\"1\"}]}");
        byte[] xml = ApiV2Xml.write(fields);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(
                text.startsWith("<xml><appid><![CDATA[wxd930ea5d5a258f4f]]></appid><total_fee>100</total_fee>"), text);
        Map<String, String> back = ApiV2Xml.read(xml);
        fields.remove("skipped");
        assertEquals(fields, back);
    }

    @Test
    void writingRefusesNamesAndCharactersXmlCannotCarry() {
        assertThrows(InvalidRequestException.class, () -> ApiV2Xml.write(Map.of("a b", "1")));
        assertThrows(InvalidRequestException.class, () -> ApiV2Xml.write(Map.of("x><y", "1")));
        assertThrows(InvalidRequestException.class, () -> ApiV2Xml.write(Map.of("body", "a\u0000b")));
        assertThrows(InvalidRequestException.class, () -> ApiV2Xml.write(Map.of("body", "a\uD800b")));
    }

    @Test
    void nestedFieldsKeepTheirChildrenAsXml() {
        Map<String, String> f = read("<xml><hblist><hbinfo><openid>o1</openid><amount>100</amount></hbinfo>"
                + "<hbinfo><openid>o2&amp;</openid></hbinfo></hblist><return_code>SUCCESS</return_code></xml>");
        assertEquals(
                "<hbinfo><openid>o1</openid><amount>100</amount></hbinfo><hbinfo><openid>o2&amp;</openid></hbinfo>",
                f.get("hblist"));
        assertEquals("SUCCESS", f.get("return_code"));
    }

    // ---- hostile documents: each refused with MalformedXmlException, nothing fetched, nothing expanded

    @Test
    void anExternalEntityIsRefusedUnread() {
        // wechatpay-apiv3/wechatpay-php tests/fixtures/invalid.xxe_injection.sample.xml
        MalformedXmlException e = assertThrows(
                MalformedXmlException.class,
                () -> read("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"http://tst.qq.com/xxe_inject/463103c2ee4067e1c4f5318440dc245d\">]>\n"
                        + "<foo><value>&xxe;</value></foo>"));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertThrows(
                MalformedXmlException.class,
                () -> read("<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><a>&xxe;</a></xml>"));
    }

    @Test
    void parameterEntitiesAndExternalDtdsAreRefused() {
        assertThrows(
                MalformedXmlException.class,
                () -> read(
                        "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p;]><xml><a>1</a></xml>"));
        assertThrows(
                MalformedXmlException.class,
                () -> read("<!DOCTYPE xml SYSTEM \"http://127.0.0.1:9/evil.dtd\"><xml><a>1</a></xml>"));
        assertThrows(MalformedXmlException.class, () -> read("<!DOCTYPE xml><xml><a>1</a></xml>"));
    }

    @Test
    void theBillionLaughsNeverExpand() {
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                lol.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            lol.append("\">");
        }
        lol.append("]><xml><a>&lol9;</a></xml>");
        assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10),
                () -> assertThrows(MalformedXmlException.class, () -> read(lol.toString())));
    }

    @Test
    void anUndeclaredEntityIsRefused() {
        assertThrows(MalformedXmlException.class, () -> read("<xml><a>&nbsp;</a></xml>"));
    }

    @Test
    void repeatedFieldsAreRefusedSoNoReaderPicksAnotherValue() {
        MalformedXmlException e = assertThrows(
                MalformedXmlException.class,
                () -> read("<xml><total_fee>1</total_fee><total_fee>100000</total_fee></xml>"));
        assertTrue(e.getMessage().contains("total_fee"), e.getMessage());
        // wechatpay-apiv3/wechatpay-php tests/fixtures/fragment_injection.sample.xml: a second <payment> injected
        assertThrows(
                MalformedXmlException.class,
                () -> read("<batchjob><payment><account>5678-attacker</account><amount>100.00</amount></payment>"
                        + "<payment><account>1234-victim</account><amount>100.00</amount></payment></batchjob>"));
    }

    @Test
    void malformedTextOutsideFieldsDeepNestingAndOversizedDocumentsAreRefused() {
        // wechatpay-apiv3/wechatpay-php tests/fixtures/invalid.bad_entity.sample.xml: mismatched tags
        assertThrows(
                MalformedXmlException.class,
                () -> read("<?xml version=\"1.0\" standalone=\"yes\"?><movies><movie><titles>PHP: Behind the"
                        + " Parser</title></movie></movies>"));
        assertThrows(MalformedXmlException.class, () -> read("<xml>loose text<a>1</a></xml>"));
        assertThrows(MalformedXmlException.class, () -> read("<xml><a>1</a></xml><xml><a>2</a></xml>"));
        assertThrows(MalformedXmlException.class, () -> read("<html><body>502 Bad Gateway</body>"));
        assertThrows(MalformedXmlException.class, () -> read(""));
        assertThrows(
                MalformedXmlException.class,
                () -> read("<xml>" + "<a>".repeat(ApiV2Xml.MAX_DEPTH) + "1" + "</a>".repeat(ApiV2Xml.MAX_DEPTH)
                        + "</xml>"));
        byte[] big = ("<xml><a><![CDATA[" + "x".repeat(2000) + "]]></a></xml>").getBytes(StandardCharsets.UTF_8);
        MalformedXmlException tooBig = assertThrows(MalformedXmlException.class, () -> ApiV2Xml.read(big, 1000));
        assertTrue(tooBig.getMessage().contains("1000"), tooBig.getMessage());
    }

    @Test
    void cdataTricksStayText() {
        Map<String, String> f = read("<xml><a><![CDATA[</a><b>injected</b><a>]]></a><b>real</b></xml>");
        assertEquals("</a><b>injected</b><a>", f.get("a"));
        assertEquals("real", f.get("b"));
        Map<String, String> split = read("<xml><a><![CDATA[x]]]]><![CDATA[>y]]></a></xml>");
        assertEquals("x]]>y", split.get("a"));
        assertFalse(f.containsKey("injected"));
    }
}
