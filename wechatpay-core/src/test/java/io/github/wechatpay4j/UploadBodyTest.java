package io.github.wechatpay4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatpay4j.internal.Digests;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Function<Object, byte[]> WRITE = o -> {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    @SuppressWarnings("unchecked")
    private static final Function<byte[], Map<String, Object>> READ = b -> {
        try {
            return JSON.readValue(b, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private static String meta(String path, Media media) {
        return new String(
                UploadBody.of(path, media, "b", UnaryOperator.identity(), WRITE, READ, new Digests(List.of()))
                        .meta(),
                StandardCharsets.UTF_8);
    }

    @Test
    void eachEndpointNamesTheFileItsOwnWay() {
        Media media = Media.of("a.png", "hello world".getBytes(StandardCharsets.US_ASCII));
        String sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assertEquals("{\"filename\":\"a.png\",\"sha256\":\"" + sha + "\"}", meta("/v3/merchant/media/upload", media));
        // the spec's own example: file_digest is the upper-case SHA-256 of "hello world"
        assertEquals(
                "{\"file_name\":\"a.png\",\"file_digest\":\"" + sha.toUpperCase(java.util.Locale.ROOT) + "\"}",
                meta("/v3/mch-manage/submission-files/sub-mchid/1230001104/upload", media));
        assertEquals(
                "{\"sha256\":\"" + sha + "\",\"transaction_id\":\"42\"}",
                meta(
                        "/v3/marketing/shopping-receipt/shoppingreceipts",
                        media.withMeta(Map.of("transaction_id", "42"))));
        String body = new String(
                UploadBody.of(
                                "/v3/mch-operation-manage/enhanced-due-diligence/D1/upload",
                                media.withField("note", "x"),
                                "b",
                                UnaryOperator.identity(),
                                WRITE,
                                READ,
                                new Digests(List.of()))
                        .body(),
                StandardCharsets.UTF_8);
        assertTrue(body.contains("name=\"due_diligence_file\"; filename=\"a.png\""), body);
        assertTrue(body.endsWith("name=\"note\"\r\n\r\nx\r\n--b--\r\n"), body);
    }

    @Test
    void anSm3EndpointWithoutAnSm3DigestSaysWhichModuleAddsIt() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> meta(
                        "/v3/new-tax-control-fapiao/fapiao-applications/upload-fapiao-file",
                        Media.of("f.pdf", new byte[1])));
        assertTrue(e.getMessage().contains("wechatpay-crypto-sm"), e.getMessage());
    }

    @Test
    void aComputedMemberGivenWithAnotherValueIsRefused() {
        Media media = Media.of("a.png", new byte[] {1}).withMeta("filename", "b.png");
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> meta("/v3/merchant/media/upload", media));
        assertTrue(e.getMessage().contains("meta.filename"), e.getMessage());
    }
}
