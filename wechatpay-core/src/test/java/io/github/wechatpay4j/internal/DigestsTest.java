package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.crypto.DigestProvider;
import io.github.wechatpay4j.download.DownloadException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestsTest {

    @Test
    void sha1AndSha256ComeFromTheJdkInWechatPaysSpelling() {
        Digests digests = new Digests(List.of());
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                "a9993e364706816aba3e25717850c26c9cd0d89d",
                HexFormat.of().formatHex(digests.create("SHA1").digest(abc)));
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(digests.create("sha-256").digest(abc)));
        assertEquals(40, Digests.hexLength("SHA1"));
        assertEquals(64, Digests.hexLength("SM3"));
    }

    @Test
    void aMissingSm3SaysWhichModuleAddsIt() {
        DownloadException e = assertThrows(DownloadException.class, () -> new Digests(List.of()).create("SM3"));
        assertEquals(DownloadException.Reason.UNSUPPORTED_HASH, e.reason());
        assertTrue(e.getMessage().contains("wechatpay-crypto-sm"), e.getMessage());
        assertTrue(e.getMessage().contains("digestProvider"), e.getMessage());
        assertEquals(
                DownloadException.Reason.UNSUPPORTED_HASH,
                assertThrows(DownloadException.class, () -> new Digests(List.of()).create("MD5"))
                        .reason());
    }

    @Test
    void aProviderSuppliesWhatTheJdkLacks() throws Exception {
        MessageDigest fake = MessageDigest.getInstance("SHA-512");
        DigestProvider sm3 = new DigestProvider() {
            @Override
            public Set<String> hashTypes() {
                return Set.of("SM3");
            }

            @Override
            public MessageDigest create(String hashType) {
                return fake;
            }
        };
        assertSame(fake, new Digests(List.of(sm3)).create("sm3"));
    }

    @Test
    void answerKindsOfTheFileOperations() {
        assertEquals(Answers.Kind.UNSIGNED_FILE, Answers.of("GET", "/v3/billdownload/file"));
        assertEquals(Answers.Kind.UNSIGNED_FILE, Answers.of("GET", "/v3/merchant-service/images/abc"));
        assertEquals(Answers.Kind.UNSIGNED_FILE, Answers.of("GET", "/v3/global/merchant-service/images/abc"));
        assertEquals(Answers.Kind.STATEMENT, Answers.of("GET", "/hk/v3/statements"));
        assertEquals(Answers.Kind.STATEMENT, Answers.of("GET", "/v3/global/statements"));
        assertEquals(Answers.Kind.SIGNED, Answers.of("POST", "/v3/merchant-service/images/upload"));
        assertEquals(Answers.Kind.SIGNED, Answers.of("GET", "/v3/merchant-service/images/a/b"));
        assertEquals(Answers.Kind.SIGNED, Answers.of("GET", "/v3/pay/transactions/id/1"));
    }
}
