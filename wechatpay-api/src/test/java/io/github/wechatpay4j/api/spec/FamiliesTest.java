package io.github.wechatpay4j.api.spec;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.codegen.Families;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The artifacts per product family: {@code families.json} decides them, and the Maven modules, the aggregate's
 * dependencies and the BOM list exactly those; each family's entry point offers the same chain as
 * {@code WechatPayApi} for its paths, and together the families cover every path of the aggregate once.
 */
class FamiliesTest {
    private static final Families FAMILIES = Families.read(Path.of("src/main/spec/families.json"));
    private static final String API = "io.github.wechatpay4j.api.";

    private static List<String> names() {
        return FAMILIES.families().stream().map(Families.Family::name).toList();
    }

    @Test
    void theModulesTheAggregateAndTheBomListEveryFamily() throws Exception {
        List<String> modules = new ArrayList<>(texts(Path.of("../wechatpay-api-families/pom.xml"), "module"));
        assertEquals("base", modules.remove(0), "the base artifact comes first");
        assertEquals(names(), modules, "wechatpay-api-families/pom.xml has one module per family, in order");

        List<String> expected = names().stream().map(n -> "wechatpay-api-" + n).toList();
        List<String> aggregate = texts(Path.of("pom.xml"), "artifactId").stream()
                .filter(a -> a.startsWith("wechatpay-api-"))
                .toList();
        assertEquals(expected, aggregate, "wechatpay-api depends on every family");

        Set<String> bom = new HashSet<>(texts(Path.of("../bom/pom.xml"), "artifactId"));
        for (String a : expected) {
            assertTrue(bom.contains(a), "the BOM lists " + a);
        }
        assertTrue(bom.contains("wechatpay-api-base"), "the BOM lists wechatpay-api-base");
        for (String n : names()) {
            Path pom = Path.of("../wechatpay-api-families", n, "pom.xml");
            assertEquals(List.of(n), texts(pom, "api.part"), pom + " generates its own family");
        }
    }

    @Test
    void eachEntryPointNeedsAClientAndNamesItself() throws Exception {
        for (Families.Family f : FAMILIES.families()) {
            Method of = Class.forName(f.entryPackage() + "." + f.entryClass())
                    .getMethod("of", io.github.wechatpay4j.WechatPay.class);
            InvocationTargetException e =
                    assertThrows(InvocationTargetException.class, () -> of.invoke(null, (Object) null));
            assertTrue(e.getCause() instanceof InvalidRequestException, f.name());
            assertTrue(
                    e.getCause().getMessage().startsWith(f.entryClass() + ".of needs a WechatPay client"),
                    e.getCause().getMessage());
        }
    }

    /**
     * Walks each family's entry point and {@code WechatPayApi} side by side: every accessor of a family's class has
     * the aggregate's twin with the same name and parameters, returning the same class below the upper nodes; and
     * the classes the families reach right below their upper nodes are exactly those of the aggregate.
     */
    @Test
    void theFamiliesOfferTheAggregatesChainAndTogetherCoverIt() throws Exception {
        Map<String, String> reached = new TreeMap<>();
        for (Families.Family f : FAMILIES.families()) {
            Class<?> entry = Class.forName(f.entryPackage() + "." + f.entryClass());
            walk(f, entry, WechatPayApi.class, reached);
        }
        Set<String> aggregate = new HashSet<>();
        below(WechatPayApi.class, aggregate);
        assertEquals(aggregate, reached.keySet(), "the families together reach what WechatPayApi reaches");
        assertTrue(reached.values().containsAll(names()), "every family reaches something: " + reached.values());
    }

    private static void walk(Families.Family f, Class<?> family, Class<?> aggregate, Map<String, String> reached)
            throws Exception {
        for (Method m : accessors(family)) {
            Method twin = aggregate.getMethod(m.getName(), m.getParameterTypes());
            Class<?> type = m.getReturnType();
            // an upper node: the family's own copy of /v3 (the v2 family's root node /v2 is in its entry package
            // too, but it is the aggregate's class itself)
            if (type.getPackageName().equals(f.entryPackage()) && !type.equals(twin.getReturnType())) {
                walk(f, type, twin.getReturnType(), reached);
            } else {
                assertEquals(twin.getReturnType(), type, f.name() + ": " + family.getSimpleName() + "." + m.getName());
                assertTrue(
                        type.getPackageName().startsWith(API + "v3")
                                || type.getPackageName().startsWith(API + "global")
                                || type.getPackageName().startsWith(API + "hk")
                                || type.getPackageName().startsWith(API + "v2"),
                        type.getName());
                String before = reached.put(type.getName(), f.name());
                assertTrue(before == null, type.getName() + " is reached by " + before + " and " + f.name());
            }
        }
    }

    /** The classes right below the aggregate's upper nodes (those in its own package). */
    private static void below(Class<?> upper, Set<String> out) {
        for (Method m : accessors(upper)) {
            Class<?> type = m.getReturnType();
            if (type.getPackageName().equals(WechatPayApi.class.getPackageName())) {
                below(type, out);
            } else {
                out.add(type.getName());
            }
        }
    }

    private static List<Method> accessors(Class<?> node) {
        List<Method> out = new ArrayList<>();
        for (Method m : node.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())
                    && !Modifier.isStatic(m.getModifiers())
                    && m.getReturnType().getName().startsWith(API)
                    && m.getParameterCount() <= 1) {
                out.add(m);
            }
        }
        return out;
    }

    /** The texts of the elements {@code <tag>} in a POM (no nesting of a tag in itself there). */
    private static List<String> texts(Path pom, String tag) throws Exception {
        String xml = Files.readString(pom).replaceAll("(?s)<!--.*?-->", "");
        Matcher m = Pattern.compile("<" + Pattern.quote(tag) + ">([^<]*)</" + Pattern.quote(tag) + ">")
                .matcher(xml);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }
}
