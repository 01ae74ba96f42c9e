package io.github.wechatpay4j.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EncodingTest {
    @Test
    void encodesEverythingButUnreserved() {
        assertEquals("abcXYZ019-._~", PercentEncoding.encode("abcXYZ019-._~"));
        assertEquals("a%20b%2Bc%2Fd%25e%3Df%26g", PercentEncoding.encode("a b+c/d%e=f&g"));
        assertEquals("%E5%BE%AE%E4%BF%A1", PercentEncoding.encode("微信"));
        assertEquals("%7B%22a%22%3A1%7D", PercentEncoding.encode("{\"a\":1}"));
        assertEquals("%F0%9F%98%80", PercentEncoding.encode("😀"));
    }

    @Test
    void literalSegmentsKeepLegalCharactersAndEscapes() {
        assertEquals("out-trade-no", PercentEncoding.encodeLiteralSegment("out-trade-no"));
        assertEquals("a%20b", PercentEncoding.encodeLiteralSegment("a b"));
        assertEquals("a%2Fb", PercentEncoding.encodeLiteralSegment("a%2Fb"));
        assertEquals("100%25", PercentEncoding.encodeLiteralSegment("100%"));
        assertEquals("a:b@c", PercentEncoding.encodeLiteralSegment("a:b@c"));
    }
}
