package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.Encrypted;
import io.github.wechatpay4j.crypto.EncryptedField;
import io.github.wechatpay4j.crypto.EncryptionKeyPolicy;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.RsaOaep;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sensitive fields: encrypted by the client with the right platform key, decrypted by the fake as WeChat Pay does. */
class SensitiveFieldsTest extends FakeServerTestBase {

    public record Contact(@Encrypted String name, @Encrypted String mobile, String note) {
        @Override
        public String toString() {
            return "Contact[hidden]";
        }
    }

    public record Application(
            String businessCode, Contact contact, List<Contact> others, Map<String, Contact> byRole) {}

    public record Wrong(@Encrypted Integer age) {}

    private static String decryptSent(RecordedRequest r, String ciphertext) {
        return server.decrypt(r.header("Wechatpay-Serial").orElseThrow(), ciphertext);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jackson", "gson"})
    void nestedRecordsListsAndMapsAreEncryptedAndTheSerialNamesTheKey(String codec) {
        server.on("POST", "/v3/applyment4sub/applyment/", FakeResponse.ok("{\"applyment_id\":1}"));
        Application application = new Application(
                "B1",
                new Contact("张三", "13800000000", "main"),
                List.of(new Contact("李四", "13900000000", null)),
                Map.of("legal", new Contact("王五", "137", "x")));

        client(codec).chain("v3/applyment4sub/applyment/").post(Options.json(application));

        RecordedRequest r = server.lastRequest();
        assertEquals("/v3/applyment4sub/applyment/", r.rawPath(), "the trailing slash is part of the endpoint");
        assertTrue(r.signatureValid());
        assertEquals(keys.publicKeyId(), r.header("Wechatpay-Serial").orElseThrow());
        Map<String, Object> sent = receivedJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = (Map<String, Object>) sent.get("contact");
        assertEquals("张三", decryptSent(r, (String) contact.get("name")));
        assertEquals("13800000000", decryptSent(r, (String) contact.get("mobile")));
        assertEquals("main", contact.get("note"), "unmarked fields stay as they are");
        @SuppressWarnings("unchecked")
        Map<String, Object> other = ((List<Map<String, Object>>) sent.get("others")).get(0);
        assertEquals("李四", decryptSent(r, (String) other.get("name")));
        @SuppressWarnings("unchecked")
        Map<String, Object> legal = (Map<String, Object>) ((Map<String, Object>) sent.get("by_role")).get("legal");
        assertEquals("王五", decryptSent(r, (String) legal.get("name")));
        assertFalse(utf8(r.body()).contains("13800000000"));
        assertEquals("张三", application.contact().name(), "the caller's record is not changed");
    }

    @Test
    void certificateModeEncryptsWithTheNewestValidCertificate() {
        server.mode(FakeWechatPay.Mode.CERTIFICATE);
        server.on("POST", "/v3/x", FakeResponse.ok("{}"));
        WechatPay client = client();

        client.chain("v3/x").post(Options.json(new Contact("张三", "1", null)));

        assertEquals(
                keys.platformSerial(),
                server.lastRequest().header("Wechatpay-Serial").orElseThrow());
        assertEquals(
                "张三", decryptSent(server.lastRequest(), (String) receivedJson().get("name")));
    }

    @Test
    void duringMigrationThePolicyChoosesTheKeyAndTheHeaderFollowsIt() {
        server.on("POST", "/v3/x", FakeResponse.ok("{}"));
        WechatPay.Builder both = server.clientBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .platformCertificate(keys.platformCertificate());

        track(both.build()).chain("v3/x").post(Options.json(new Contact("张三", "1", null)));
        assertEquals(
                keys.publicKeyId(),
                server.lastRequest().header("Wechatpay-Serial").orElseThrow(),
                "the public key by default once one is configured");
        assertEquals(
                "张三", decryptSent(server.lastRequest(), (String) receivedJson().get("name")));

        track(both.encryptionKeyPolicy(EncryptionKeyPolicy.NEWEST_CERTIFICATE).build())
                .chain("v3/x")
                .post(Options.json(new Contact("张三", "1", null)));
        assertEquals(
                keys.platformSerial(),
                server.lastRequest().header("Wechatpay-Serial").orElseThrow());
        assertEquals(
                "张三", decryptSent(server.lastRequest(), (String) receivedJson().get("name")));
    }

    @Test
    void aSerialTheCallerSetsChoosesTheKeyAndTheCallersOptionsAreNotChanged() {
        server.on("POST", "/v3/x", FakeResponse.ok("{}"));
        WechatPay client = track(server.clientBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .platformCertificate(keys.platformCertificate())
                .build());
        Options options = Options.json(new Contact("张三", "1", null))
                .withHeader("wechatpay-serial", keys.platformSerial().toLowerCase(java.util.Locale.ROOT));

        client.chain("v3/x").post(options);

        assertEquals(
                List.of(keys.platformSerial()), server.lastRequest().headers().get("wechatpay-serial"));
        assertEquals(
                "张三", decryptSent(server.lastRequest(), (String) receivedJson().get("name")));
        assertEquals(
                Optional.of(keys.platformSerial().toLowerCase(java.util.Locale.ROOT)),
                options.headers().first("Wechatpay-Serial"));

        server.clearRequests();
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/x")
                        .post(Options.json(new Contact("张三", "1", null))
                                .withHeader("Wechatpay-Serial", "PUB_KEY_ID_NOPE")));
        assertTrue(e.getMessage().contains("names no platform key"), e.getMessage());
        assertTrue(server.requests().isEmpty(), "nothing was sent");
    }

    @Test
    void withAPublicKeyEveryRequestNamesItInWechatpaySerialUnlessTurnedOff() {
        server.on("GET", "/v3/y", FakeResponse.ok("{}"));
        client().chain("v3/y").get();
        assertEquals(
                keys.publicKeyId(),
                server.lastRequest().header("Wechatpay-Serial").orElseThrow(),
                "issue 18, item 4: as the official SDKs do, with a public key configured");

        track(server.clientBuilder().alwaysSendWechatpaySerial(false).build())
                .chain("v3/y")
                .get();
        assertTrue(server.lastRequest().header("Wechatpay-Serial").isEmpty(), "the opt-out");
    }

    @Test
    void encryptHandsBackTheCiphertextAndTheSerialForHandBuiltBodies() {
        EncryptedField field = client().encrypt("110101199003074477");
        assertEquals(keys.publicKeyId(), field.wechatpaySerial());
        assertEquals("110101199003074477", server.decrypt(field.wechatpaySerial(), field.ciphertext()));
        assertNotEquals(
                field.ciphertext(), client().encrypt("110101199003074477").ciphertext(), "OAEP is randomised");
    }

    @Test
    void fieldsWechatPayEncryptedToTheMerchantDecryptWithThePrivateKey() {
        WechatPay client = client();
        String name = RsaOaep.encrypt(keys.merchantKeys().getPublic(), "张三");
        String mobile = RsaOaep.encrypt(keys.merchantKeys().getPublic(), "13800000000");

        assertEquals("张三", client.decrypt(name));
        Contact plain = client.decryptFields(new Contact(name, mobile, "n"));
        assertEquals(new Contact("张三", "13800000000", "n"), plain);
        Contact untouched = new Contact(null, null, "n");
        assertSame(untouched, client.decryptFields(untouched));
        assertNull(client.decryptFields(null));
    }

    @Test
    void decryptionFailuresAreTyped() throws Exception {
        WechatPay client = client();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String toSomeoneElse = RsaOaep.encrypt(g.generateKeyPair().getPublic(), "张三");

        DecryptionException e = assertThrows(DecryptionException.class, () -> client.decrypt(toSomeoneElse));
        assertFalse(e.getMessage().contains("张三"));
        assertThrows(DecryptionException.class, () -> client.decrypt("not base64!"));
        assertThrows(DecryptionException.class, () -> client.decrypt(""));

        WechatPay hsm = track(server.clientBuilder()
                .signer(new io.github.wechatpay4j.crypto.RsaSigner(
                        keys.merchantKeys().getPrivate()))
                .build());
        ConfigurationException c = assertThrows(ConfigurationException.class, () -> hsm.decrypt(toSomeoneElse));
        assertTrue(c.getMessage().contains("custom Signer"), c.getMessage());
    }

    @Test
    void misuseIsReportedBeforeAnythingIsSent() {
        server.clearRequests();
        InvalidRequestException wrongType = assertThrows(
                InvalidRequestException.class, () -> client().chain("v3/x").post(Options.json(new Wrong(3))));
        assertTrue(wrongType.getMessage().contains("String or List<String> components only"), wrongType.getMessage());

        String tooLong = "x".repeat(300);
        InvalidRequestException long_ = assertThrows(
                InvalidRequestException.class,
                () -> client().chain("v3/x").post(Options.json(new Contact(tooLong, "1", null))));
        assertFalse(long_.getMessage().contains(tooLong));
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aVerifierWithoutKeysCannotEncrypt() {
        WechatPay plain = client();
        io.github.wechatpay4j.crypto.Verifier bare = new io.github.wechatpay4j.crypto.Verifier() {
            @Override
            public void verify(String serial, byte[] message, String signature) {
                plain.verifier().verify(serial, message, signature);
            }

            @Override
            public java.util.Set<String> serialNumbers() {
                return plain.verifier().serialNumbers();
            }
        };
        WechatPay client = track(WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantKeys().getPrivate())
                .verifier(bare)
                .baseUrl(server.baseUrl())
                .build());
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> client.chain("v3/x").post(Options.json(new Contact("a", "b", null))));
        assertTrue(e.getMessage().contains("Verifier.keys()"), e.getMessage());
        assertEquals(
                Keys.normalizeSerial(keys.publicKeyId()), plain.encrypt("a").wechatpaySerial());
    }
}
