package io.github.wechatpay4j.api.shapes;

import io.github.wechatpay4j.api.model.Transaction;
import io.github.wechatpay4j.api.model.Transaction.TradeState;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Issue 19, item 3: generated enumerations compare with {@code ==}, work in {@code switch}, and keep new values. */
class OpenEnumsTest {

    private static JsonCodec codec(String name) {
        return name.equals("jackson") ? new JacksonJsonCodec() : new GsonJsonCodec();
    }

    private static String react(TradeState state) {
        return switch (state.known()) {
            case SUCCESS -> "ship";
            case NOTPAY, USERPAYING -> "wait";
            case UNKNOWN -> "review " + state.value();
            default -> "other";
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"jackson", "gson"})
    void knownValuesAreTheConstantsAndNewOnesAreKept(String name) {
        JsonCodec codec = codec(name);
        Transaction paid = codec.read(
                "{\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100}}".getBytes(StandardCharsets.UTF_8),
                Transaction.class);
        assertSame(TradeState.SUCCESS, paid.tradeState(), "== holds for a value read from JSON");
        assertEquals("ship", react(paid.tradeState()));
        assertEquals(100L, paid.amount().total(), "the corrected shape: amount.total is there");

        Transaction later =
                codec.read("{\"trade_state\":\"FROZEN_BY_RISK\"}".getBytes(StandardCharsets.UTF_8), Transaction.class);
        assertEquals(TradeState.Known.UNKNOWN, later.tradeState().known());
        assertEquals("review FROZEN_BY_RISK", react(later.tradeState()));
        assertEquals(
                "{\"trade_state\":\"FROZEN_BY_RISK\"}",
                new String(codec.write(later), StandardCharsets.UTF_8),
                "an unknown value is written back unchanged");
        assertSame(TradeState.NOTPAY, TradeState.of("NOTPAY"));
        assertEquals(TradeState.of("FROZEN_BY_RISK"), later.tradeState());
    }
}
