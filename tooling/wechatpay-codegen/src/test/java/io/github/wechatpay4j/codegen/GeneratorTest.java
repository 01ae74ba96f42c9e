package io.github.wechatpay4j.codegen;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator on small hand-written specs: names, keywords, placeholders, nesting, enums, encrypted fields. */
class GeneratorTest {

    private static Map<String, String> generate(String operations) {
        return new Generator(Spec.parse("{\"source\":{\"name\":\"t\"},\"operations\":[" + operations + "]}"))
                .mainSources();
    }

    private static String file(Map<String, String> files, String path) {
        String f = files.get("io/github/wechatpay4j/api/" + path);
        assertNotNull(f, path + " not generated; have " + files.keySet());
        return f;
    }

    @Test
    void kebabSegmentsBecomeCamelCaseAccessorsAndPackages() {
        Map<String, String> f = generate("{\"api\":\"v3\",\"method\":\"POST\",\"path\":\"/v3/payroll-card/tokens\","
                + "\"summary\":\"s\",\"status\":200}");
        assertTrue(file(f, "V3.java").contains("public PayrollCard payrollCard()"));
        assertTrue(file(f, "V3.java").contains("import io.github.wechatpay4j.api.v3.PayrollCard;"));
        assertTrue(
                file(f, "v3/payroll_card/Tokens.java").contains("package io.github.wechatpay4j.api.v3.payroll_card;"));
        assertTrue(file(f, "WechatPayApi.java").contains("public V3 v3()"));
        assertTrue(f.get("module-info.java").contains("exports io.github.wechatpay4j.api.v3.payroll_card;"));
        assertTrue(f.get("module-info.java").contains("opens io.github.wechatpay4j.api.v3.payroll_card;"));
    }

    @Test
    void javaKeywordsAndDigitsAreGuarded() {
        Map<String, String> f = generate("{\"api\":\"v3\",\"method\":\"GET\",\"path\":\"/v3/import/2021/class\","
                + "\"summary\":\"s\",\"status\":200}");
        assertTrue(file(f, "V3.java").contains(" import_()"));
        assertTrue(file(f, "v3/Import.java").contains(" _2021()"));
        assertTrue(
                file(f, "v3/import_/_2021/Class.java").contains("package io.github.wechatpay4j.api.v3.import_._2021;"));
        assertEquals("class_", Names.camel("class"));
        assertEquals("outTradeNo", Names.camel("out-trade-no"));
        assertEquals("videoUpload", Names.camel("video_upload"));
        assertEquals("toString_", Names.camel("to_string"));
        assertEquals("A_B", Names.constant("a-b"));
        assertEquals("_1", Names.constant("1"));
    }

    @Test
    void placeholdersBecomeAccessorsTakingTheValue() {
        Map<String, String> f = generate("{\"api\":\"v3\",\"method\":\"GET\",\"path\":\"/v3/pay/transactions/id/"
                + "{transaction_id}\",\"summary\":\"s\",\"parameters\":[{\"name\":\"transaction_id\",\"in\":\"path\","
                + "\"required\":true,\"schema\":{\"type\":\"string\"}},{\"name\":\"mchid\",\"in\":\"query\","
                + "\"required\":true,\"schema\":{\"type\":\"string\"}}],\"status\":200}");
        String transactions = file(f, "v3/pay/Transactions.java");
        assertTrue(
                transactions.contains("import io.github.wechatpay4j.api.v3.pay.transactions.id.ByTransactionId;"),
                transactions);
        assertTrue(transactions.contains("public ByTransactionId id(String transactionId)"), transactions);
        assertTrue(transactions.contains("route.with(\"transaction_id\", transactionId)"));
        String byId = file(f, "v3/pay/transactions/id/ByTransactionId.java");
        assertTrue(byId.contains("public ApiResponse get(GetRequest request)"), byId);
        assertTrue(byId.contains("o = route.query(o, \"mchid\", request.mchid());"));
        assertTrue(byId.contains("Required.require(mchid, \"ByTransactionId.GetRequest\", \"mchid\")"));
        assertTrue(byId.contains("GET_PATH = \"v3/pay/transactions/id/{transaction_id}\""));
    }

    @Test
    void twoPlaceholdersAtOnePositionAreTellApart() {
        Map<String, String> f = generate("{\"api\":\"v3\",\"method\":\"POST\",\"path\":\"/v3/a/{x_id}/cancel\","
                + "\"summary\":\"s\",\"status\":204},{\"api\":\"v3\",\"method\":\"POST\",\"path\":"
                + "\"/v3/a/{y_code}/cancel\",\"summary\":\"s\",\"status\":204}");
        String v3 = file(f, "V3.java");
        assertTrue(v3.contains(" aByXId(String xId)") && v3.contains(" aByYCode(String yCode)"), v3);
    }

    @Test
    void nestedObjectsEnumsTimesAndIntegersGetTheirTypes() {
        Map<String, String> f = generate("{\"api\":\"v3\",\"method\":\"POST\",\"path\":\"/v3/x\",\"summary\":\"建立\","
                + "\"docUrl\":\"https://pay.weixin.qq.com/doc/1\",\"body\":{\"type\":\"object\",\"required\":[\"amount\"],"
                + "\"properties\":{\"amount\":{\"type\":\"object\",\"required\":[\"total\"],\"properties\":{"
                + "\"total\":{\"type\":\"integer\"},\"count\":{\"type\":\"integer\",\"format\":\"int32\"},"
                + "\"currency\":{\"type\":\"string\",\"enum\":[\"CNY\"],\"enumValues\":[\"CNY\",\"USD\"]}}},"
                + "\"time_expire\":{\"type\":\"string\",\"format\":\"rfc3339\"},\"rate\":{\"type\":\"number\"},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"attach\":{\"type\":\"object\"},"
                + "\"field_1\":{\"type\":\"boolean\"}}},\"status\":200,\"response\":{\"type\":\"object\","
                + "\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"string\"}}}}");
        String x = file(f, "v3/X.java");
        assertTrue(x.contains("public record PostRequest(PostRequest.Amount amount,"), x);
        assertTrue(x.contains("OffsetDateTime timeExpire"));
        assertTrue(x.contains("BigDecimal rate"));
        assertTrue(x.contains("List<String> tags"));
        assertTrue(x.contains("Map<String, Object> attach"));
        assertTrue(x.contains("@JsonName(\"field_1\") Boolean field1"));
        assertTrue(x.contains("public record Amount(Long total,"));
        assertTrue(x.contains("Integer count"));
        assertTrue(x.contains("public static final class Currency implements OpenEnum"));
        assertTrue(x.contains("public static final Currency USD = new Currency(\"USD\", Known.USD);"));
        assertTrue(x.contains("public static Currency of(String value) {"), "known values are interned");
        assertTrue(x.contains("public enum Known {"), "and switchable");
        assertTrue(x.contains("Required.require(total, \"X.PostRequest.Amount\", \"total\")"));
        assertTrue(x.contains("tags = Required.list(tags);"));
        // responses are not checked for required fields: WeChat Pay may leave one out
        assertFalse(x.contains("Required.require(id,"));
        assertTrue(x.contains("建立: {@code POST /v3/x}"));
        assertTrue(x.contains("@see <a href=\"https://pay.weixin.qq.com/doc/1\">official documentation</a>"));
        assertTrue(x.contains("public CompletableFuture<PostResponse> postAsync(PostRequest request)"));
    }

    @Test
    void encryptedFieldsAreMarkedHiddenAndNameTheKey() {
        Map<String, String> f = generate("{\"api\":\"v3\",\"method\":\"POST\",\"path\":\"/v3/y\",\"summary\":\"s\","
                + "\"serialRequired\":true,\"idempotencyKey\":true,\"body\":{\"type\":\"object\",\"properties\":{"
                + "\"user_name\":{\"type\":\"string\",\"format\":\"base64\",\"encrypted\":true},"
                + "\"names\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"encrypted\":true}},"
                + "\"openid\":{\"type\":\"string\"}}},\"status\":204}");
        String y = file(f, "v3/Y.java");
        assertTrue(y.contains("@Encrypted String userName"), y);
        assertTrue(y.contains("@Encrypted List<String> names"));
        assertTrue(y.contains("userName=\" + (userName == null ? \"null\" : \"[hidden]\")"));
        assertTrue(y.contains("o = o.withWechatpaySerial();"));
        assertFalse(y.contains("idempotencyKey(o)"), "core adds the key the operation facts require, typed or not");
        assertTrue(y.contains("public ApiResponse post(PostRequest request, String idempotencyKey)"));
    }

    @Test
    void sameNamedObjectsWithOtherShapesGetDistinctNames() {
        Map<String, String> f = generate("{\"api\":\"v3\",\"method\":\"POST\",\"path\":\"/v3/z\",\"summary\":\"s\","
                + "\"body\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"properties\":{"
                + "\"info\":{\"type\":\"object\",\"properties\":{\"p\":{\"type\":\"string\"}}}}},"
                + "\"b\":{\"type\":\"object\",\"properties\":{\"info\":{\"type\":\"object\",\"properties\":{"
                + "\"q\":{\"type\":\"string\"}}}}},\"c\":{\"type\":\"object\",\"properties\":{\"info\":{\"type\":"
                + "\"object\",\"properties\":{\"p\":{\"type\":\"string\"}}}}}}},\"status\":204}");
        String z = file(f, "v3/Z.java");
        assertTrue(z.contains("public record Info(String p)"), z);
        assertTrue(z.contains("public record Info2(String q)"), z);
        assertFalse(z.contains("Info3"), "an identical shape is shared");
    }

    @Test
    void operationsThatCannotBeTypedAreListedWithTheReason() {
        Generator g = new Generator(Spec.parse("{\"operations\":[{\"api\":\"v3\",\"method\":\"POST\",\"path\":"
                + "\"/v3/legacy/xml\",\"summary\":\"s\",\"consumes\":\"xml\",\"produces\":\"xml\"},{\"api\":\"v3\","
                + "\"method\":\"GET\",\"path\":\"/v3/billdownload/file\",\"summary\":\"s\",\"produces\":\"download\","
                + "\"unsigned\":true}]}"));
        assertEquals(1, g.typedOperations().size());
        assertEquals(Map.of("POST /v3/legacy/xml", "XML body"), g.untypedOperations());
    }

    @Test
    void anApiV2PageIsTypedAsItsSignedLink() {
        Map<String, String> f = generate("{\"api\":\"v2\",\"method\":\"GET\",\"path\":\"/papay/entrustweb\","
                + "\"summary\":\"s\",\"consumes\":\"xml\",\"produces\":\"xml\",\"parameters\":[{\"name\":"
                + "\"mch_id\",\"in\":\"query\",\"required\":true,\"schema\":{\"type\":\"string\"}},{\"name\":"
                + "\"plan_id\",\"in\":\"query\",\"required\":true,\"schema\":{\"type\":\"integer\"}},{\"name\":"
                + "\"sign\",\"in\":\"query\",\"required\":true,\"schema\":{\"type\":\"string\"}}],\"status\":302}");
        String page = file(f, "v2/papay/Entrustweb.java");
        assertTrue(page.contains("public URI link(GetRequest request) {"), page);
        assertTrue(page.contains("return route.link(GET_PATH, getOptions(request, Options.none()));"), page);
        assertFalse(page.contains("public ApiResponse get("), "a page is opened by a browser, not called");
        assertFalse(page.contains("String sign"), "the scheme signs the link");
        assertTrue(page.contains("Required.require(planId, "), page);
        assertFalse(page.contains("Required.require(mchId, "), "the scheme fills in mch_id");
    }

    @Test
    void anApiV2OperationIsCalledUnderTheV2MarkerWithWhatTheSchemeWritesLeftOut() {
        Map<String, String> f = generate("{\"api\":\"v2\",\"method\":\"POST\",\"path\":\"/pay/micropay\","
                + "\"summary\":\"s\",\"consumes\":\"xml\",\"produces\":\"xml\",\"body\":{\"type\":\"object\","
                + "\"required\":[\"appid\",\"mch_id\",\"nonce_str\",\"sign\",\"out_trade_no\",\"total_fee\"],"
                + "\"properties\":{\"appid\":{\"type\":\"string\"},\"mch_id\":{\"type\":\"string\"},"
                + "\"nonce_str\":{\"type\":\"string\"},\"sign\":{\"type\":\"string\"},\"sign_type\":{\"type\":"
                + "\"string\",\"enumValues\":[\"MD5\",\"HMAC-SHA256\"]},\"out_trade_no\":{\"type\":\"string\"},"
                + "\"total_fee\":{\"type\":\"integer\",\"format\":\"int32\"}}},\"response\":{\"type\":\"object\","
                + "\"properties\":{\"return_code\":{\"type\":\"string\"},\"transaction_id\":{\"type\":\"string\"}}}}");
        String micropay = file(f, "v2/pay/Micropay.java");
        assertTrue(micropay.contains("POST_PATH = \"v2/pay/micropay\""), micropay);
        assertTrue(micropay.contains("o = o.withXmlFields(Required.require(request, "), micropay);
        assertFalse(micropay.contains(" nonceStr"), "the scheme writes nonce_str");
        assertFalse(micropay.contains("String sign,"), "the scheme writes sign");
        assertTrue(micropay.contains("Required.require(outTradeNo, "), micropay);
        assertFalse(micropay.contains("Required.require(mchId, "), "the scheme fills in mch_id");
        assertFalse(micropay.contains("Required.require(appid, "), "the scheme fills in appid when configured");
    }

    @Test
    void fileOperationsReturnADownloadAndHaveNoAsynchronousForm() {
        Map<String, String> files = generate("{\"api\":\"v3\",\"method\":\"GET\",\"path\":\"/v3/billdownload/file\","
                + "\"summary\":\"s\",\"produces\":\"download\",\"unsigned\":true,\"parameters\":[{\"name\":\"token\","
                + "\"in\":\"query\",\"required\":true,\"schema\":{\"type\":\"string\"}}]}");
        String file = file(files, "v3/billdownload/File.java");
        assertTrue(file.contains("public Download get(GetRequest request) {"), file);
        assertTrue(file.contains("return route.download(GET_PATH, getOptions(request, options));"), file);
        assertFalse(file.contains("getAsync"), "a Download sends nothing until written: no future needed");
        assertTrue(file.contains("Answers a file, unsigned"), file);
    }

    @Test
    void theGeneratedTestsBuildRequestsFromExamples() {
        Generator g = new Generator(Spec.parse("{\"operations\":[{\"api\":\"v3\",\"method\":\"POST\",\"path\":"
                + "\"/v3/w/{no}\",\"summary\":\"s\",\"parameters\":[{\"name\":\"no\",\"in\":\"path\",\"required\":true,"
                + "\"schema\":{\"type\":\"string\",\"example\":\"N1\"}}],\"body\":{\"type\":\"object\",\"properties\":{"
                + "\"kind\":{\"type\":\"string\",\"enumValues\":[\"A\",\"B\"],\"example\":\"B\"},\"n\":{\"type\":"
                + "\"integer\",\"example\":\"12\"}}},\"status\":204}]}"));
        String test = g.testSources().values().iterator().next();
        assertTrue(test.contains("api().v3().w(\"N1\")"), test);
        assertTrue(test.contains("new ByNo.PostRequest(ByNo.PostRequest.Kind.of(\"B\"), 12L)"), test);
        assertTrue(test.contains("import io.github.wechatpay4j.api.v3.w.ByNo;"), test);
        assertTrue(test.contains("verify(\"POST /v3/w/{no}\", answer);"));
    }

    private static final String PAY = "{\"api\":\"v3\",\"method\":\"GET\",\"path\":\"/v3/pay/transactions/id/"
            + "{transaction_id}\",\"summary\":\"s\",\"parameters\":[{\"name\":\"transaction_id\",\"in\":\"path\","
            + "\"required\":true,\"schema\":{\"type\":\"string\"}}],\"status\":200}";
    private static final String REFUND = "{\"api\":\"v3\",\"method\":\"POST\",\"path\":\"/v3/refund/domestic/refunds\","
            + "\"summary\":\"s\",\"status\":200}";

    private static Generator withFamilies(String families, String... operations) {
        Spec spec = Spec.parse("{\"source\":{\"name\":\"t\"},\"operations\":[" + String.join(",", operations) + "]}");
        try {
            return new Generator(
                    spec,
                    Models.none(),
                    new com.fasterxml.jackson.databind.ObjectMapper().readValue(families, Families.class));
        } catch (java.io.IOException e) {
            if (e.getCause() instanceof IllegalStateException refused) {
                throw refused; // the Families constructor's own check, wrapped by Jackson
            }
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eachFamilyOwnsItsPrefixesFromTheirOwnPackageDownWithItsOwnEntryPoint() {
        Generator g = withFamilies(
                "{\"families\":[{\"name\":\"payments\",\"title\":\"P\",\"prefixes\":[\"/v3/pay\"]},"
                        + "{\"name\":\"refunds\",\"title\":\"R\",\"prefixes\":[\"/v3/refund\"]}]}",
                PAY,
                REFUND);
        Map<String, String> payments = g.partSources("payments");
        // the prefix node's class moves into its own package, so no package is shared between artifacts
        assertTrue(
                payments.containsKey("io/github/wechatpay4j/api/v3/pay/Pay.java"),
                payments.keySet().toString());
        assertTrue(
                payments.keySet().stream().noneMatch(k -> k.contains("/refund")),
                payments.keySet().toString());
        String entry = payments.get("io/github/wechatpay4j/api/payments/PaymentsApi.java");
        assertTrue(entry.contains("public static PaymentsApi of(WechatPay client)"), entry);
        assertTrue(entry.contains("Route.of(client, \"PaymentsApi\")"), entry);
        String v3 = payments.get("io/github/wechatpay4j/api/payments/V3.java");
        assertTrue(v3.contains("public Pay pay()") && v3.contains("import io.github.wechatpay4j.api.v3.pay.Pay;"), v3);
        assertFalse(v3.contains("refund()"), v3);
        String module = payments.get("module-info.java");
        assertTrue(module.contains("module io.github.wechatpay4j.api.payments {"), module);
        assertTrue(module.contains("requires transitive io.github.wechatpay4j.api.base;"), module);
        assertTrue(module.contains("exports io.github.wechatpay4j.api.v3.pay.transactions.id;"), module);

        Map<String, String> all = g.partSources("all");
        assertEquals(
                java.util.Set.of(
                        "io/github/wechatpay4j/api/WechatPayApi.java",
                        "io/github/wechatpay4j/api/V3.java",
                        "module-info.java"),
                all.keySet());
        assertTrue(all.get("io/github/wechatpay4j/api/V3.java").contains("public Refund refund()"));
        assertTrue(all.get("module-info.java").contains("requires transitive io.github.wechatpay4j.api.refunds;"));
        assertTrue(
                g.partSources("base").get("module-info.java").contains("exports io.github.wechatpay4j.api.internal;"));
        String tests = String.join("\n", g.testSources().values());
        // a test starts at WechatPayApi or at its own family's entry point, never at another family's
        assertFalse(tests.contains("PaymentsApi.of(client()).v3().refund()"), tests);
        assertFalse(tests.contains("RefundsApi.of(client()).v3().pay()"), tests);
        assertEquals(
                2, tests.split("api\\(\\)\\.v3\\(\\)|Api\\.of\\(client\\(\\)\\)\\.v3\\(\\)", -1).length - 1, tests);
    }

    @Test
    void aPathNoFamilyClaimsAndAPrefixWithoutOperationsAreRefused() {
        IllegalStateException unclaimed = assertThrows(
                IllegalStateException.class,
                () -> withFamilies(
                        "{\"families\":[{\"name\":\"payments\",\"title\":\"P\",\"prefixes\":[\"/v3/pay\"]}]}",
                        PAY,
                        REFUND));
        assertTrue(
                unclaimed.getMessage().contains("no family in families.json claims POST /v3/refund/domestic/refunds"),
                unclaimed.getMessage());
        IllegalStateException empty = assertThrows(
                IllegalStateException.class,
                () -> withFamilies(
                        "{\"families\":[{\"name\":\"payments\",\"title\":\"P\",\"prefixes\":[\"/v3/pay\", \"/v3/paying\"]}]}",
                        PAY));
        assertTrue(
                empty.getMessage().contains("claims /v3/paying, under which the spec has no typed operation"),
                empty.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> withFamilies(
                        "{\"families\":[{\"name\":\"a\",\"title\":\"A\","
                                + "\"prefixes\":[\"/v3/pay\"]},{\"name\":\"b\",\"title\":\"B\",\"prefixes\":[\"/v3/pay/transactions\"]}]}",
                        PAY),
                "a prefix under another");
        assertThrows(
                IllegalStateException.class,
                () -> withFamilies(
                        "{\"families\":[{\"name\":\"v3\",\"title\":\"A\"," + "\"prefixes\":[\"/v3/pay\"]}]}", PAY),
                "a name that is a path package");
    }
}
