package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.crypto.Encrypted;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The @Encrypted walker on its own: every container rebuilt, everything else refused, nothing passed through. */
class SensitiveFieldsTest {
    private static final UnaryOperator<String> SEAL = s -> "sealed(" + s + ")";

    public record Card(@Encrypted String number, String note) {}

    public record Holder(Optional<Card> card, Set<Card> set, Card[] array, Map<String, List<Card>> deep) {}

    public record Queue(ConcurrentLinkedQueue<Card> cards) {}

    public static class Bean {
        public Card card;
    }

    public static class Node {
        public Object next;
    }

    private final SensitiveFields fields = new SensitiveFields();

    @Test
    void everyContainerIsRebuiltWithCiphertext() {
        Card c = new Card("110101199003071234", "n");
        Holder h = (Holder) fields.apply(
                new Holder(Optional.of(c), Set.of(c), new Card[] {c, null}, Map.of("k", List.of(c))), SEAL);
        assertEquals("sealed(110101199003071234)", h.card().orElseThrow().number());
        assertEquals("n", h.card().orElseThrow().note());
        assertEquals("sealed(110101199003071234)", h.set().iterator().next().number());
        assertEquals("sealed(110101199003071234)", h.array()[0].number());
        assertEquals(Card[].class, h.array().getClass(), "the array keeps its component type");
        assertEquals(null, h.array()[1]);
        assertEquals("sealed(110101199003071234)", h.deep().get("k").get(0).number());
        Object[] top = (Object[]) fields.apply(new Object[] {c, "x"}, SEAL);
        assertEquals("sealed(110101199003071234)", ((Card) top[0]).number());
        assertTrue(fields.mayContain(Optional.of(c)));
        assertFalse(fields.mayContain("a string"));
        assertFalse(fields.mayContain(new int[] {1}));
        Holder empty = new Holder(Optional.empty(), Set.of(), new Card[0], Map.of());
        assertSame(empty, fields.apply(empty, SEAL), "nothing marked: the same instance");
    }

    @Test
    void whatCannotBeRebuiltIsRefused() {
        Card c = new Card("110101199003071234", null);
        Bean bean = new Bean();
        bean.card = c;
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> fields.apply(bean, SEAL));
        assertTrue(e.getMessage().contains("not a record"), e.getMessage());
        assertFalse(e.getMessage().contains(c.number()));
        bean.card = null;
        assertSame(bean, fields.apply(bean, SEAL), "a bean whose marked records are empty is harmless");

        InvalidRequestException queue = assertThrows(
                InvalidRequestException.class,
                () -> fields.apply(new Queue(new ConcurrentLinkedQueue<>(List.of(c))), SEAL));
        assertTrue(queue.getMessage().contains("cannot be rebuilt"), queue.getMessage());

        Node cycle = new Node();
        List<Object> self = new ArrayList<>();
        self.add(cycle);
        cycle.next = self;
        assertThrows(InvalidRequestException.class, () -> fields.apply(cycle, SEAL), "a cycle ends, typed");
    }

    @Test
    void decryptionWalksTheSameWay() {
        Card sealed = new Card("sealed", null);
        Holder h = (Holder)
                fields.apply(new Holder(Optional.empty(), Set.of(sealed), new Card[] {sealed}, Map.of()), s -> "open");
        assertArrayEquals(new Card[] {new Card("open", null)}, h.array());
        assertEquals(Set.of(new Card("open", null)), h.set());
    }
}
