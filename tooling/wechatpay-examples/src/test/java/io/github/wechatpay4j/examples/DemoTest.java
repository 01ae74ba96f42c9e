package io.github.wechatpay4j.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's demo runs and every step does what it says. */
class DemoTest {
    @Test
    void demoRunsEndToEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String expected : new String[] {
            "-> state ESTABLISHED",
            "-> token 1234323JKHDFE1243252-token",
            "decrypted by the server) -> token TOKEN",
            "expires in 1800 s",
            "-> SUCCESS",
            "ServiceException 404 ORDER_NOT_EXIST",
            "Tampered answer rejected -> BAD_SIGNATURE",
            "-> media_id ",
            "SHA-1 checked -> 1 row, total 0.01",
            "[appId, timeStamp, nonceStr, package, signType, paySign]",
            "every one signed and verified by the fake server: true"
        }) {
            assertTrue(out.contains(expected), "missing '" + expected + "' in:\n" + out);
        }
    }
}
