package io.github.wechatpay4j.it;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Media;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.Upload;
import io.github.wechatpay4j.transport.apache.ApacheHttpTransport;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import io.github.wechatpay4j.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Media uploads: multipart built in core, signed over the meta JSON, checked by the fake as WeChat Pay does. */
class MediaUploadTest extends FakeServerTestBase {

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void anImageFromAPathGetsAMediaIdAndTheSignatureCoversTheMetaJson(@TempDir Path dir) throws Exception {
        byte[] image = bytes(300_000, 1);
        Path file = Files.write(dir.resolve("营业执照.jpg"), image);

        String mediaId = (String) client().chain("v3/merchant/media/upload")
                .post(Options.upload(Media.of(file)))
                .asMap()
                .get("media_id");

        RecordedRequest r = server.lastRequest();
        assertTrue(r.signatureValid(), r.signatureError());
        assertTrue(r.header("Content-Type").orElseThrow().startsWith("multipart/form-data; boundary="));
        Upload upload = server.lastUpload();
        assertEquals(mediaId, upload.mediaId());
        assertEquals("{\"filename\":\"营业执照.jpg\",\"sha256\":\"" + sha256(image) + "\"}", upload.meta());
        assertEquals("营业执照.jpg", upload.filename());
        assertEquals("image/jpeg", upload.contentType());
        assertArrayEquals(image, upload.content());
    }

    @Test
    void aVideoFromAStreamAndAMarketingImageFromBytes() throws Exception {
        byte[] video = bytes(1_000_000, 2);
        client().chain("v3/merchant/media/video_upload")
                .post(Options.upload(Media.of("intro.MP4", new ByteArrayInputStream(video))));
        assertEquals("video/mp4", server.lastUpload().contentType());
        assertArrayEquals(video, server.lastUpload().content());

        byte[] png = bytes(50_000, 3);
        String url = (String) client("gson")
                .chain("v3/marketing/favor/media/image-upload")
                .postAsync(Options.upload(Media.of("logo.png", png)))
                .join()
                .asMap()
                .get("media_url");
        assertTrue(url.startsWith("https://wxpaylogo.qpic.cn/"), url);
        assertEquals(
                "{\"filename\":\"logo.png\",\"sha256\":\"" + sha256(png) + "\"}",
                server.lastUpload().meta());
    }

    @Test
    void everyTransportSendsTheSameBytes() {
        byte[] image = bytes(100_000, 4);
        Clock fixed = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        List<byte[]> bodies = new ArrayList<>();
        for (HttpTransport t : List.of(
                new JdkHttpTransport(TransportOptions.defaults()),
                new OkHttpTransport(TransportOptions.defaults()),
                new ApacheHttpTransport(TransportOptions.defaults()))) {
            try (t;
                    WechatPay client = server.clientBuilder()
                            .transport(t)
                            .clock(fixed)
                            .nonceSupplier(() -> "0123456789ABCDEFabcdef0123456789")
                            .build()) {
                client.chain("v3/merchant/media/upload").post(Options.upload(Media.of("a.png", image)));
                assertTrue(server.lastRequest().signatureValid());
                bodies.add(server.lastRequest().body());
            }
        }
        assertArrayEquals(bodies.get(0), bodies.get(1));
        assertArrayEquals(bodies.get(0), bodies.get(2));
        assertTrue(new String(bodies.get(0), StandardCharsets.ISO_8859_1)
                .startsWith("--wechatpay4j-0123456789ABCDEFabcdef0123456789\r\n"));
    }

    @Test
    void extraMetaMembersAreSentAndSigned() {
        client().chain("v3/merchant/media/upload")
                .post(Options.upload(Media.of("a.bmp", bytes(10, 5)).withMeta("bank_type", "CMB_DEBIT")));
        assertTrue(
                server.lastUpload().meta().endsWith(",\"bank_type\":\"CMB_DEBIT\"}"),
                server.lastUpload().meta());
        assertTrue(server.lastRequest().signatureValid());
    }

    @Test
    void oversizedOrWrongFilesAreRefusedBeforeAnythingIsSent() {
        WechatPay client = client();
        server.clearRequests();
        InvalidRequestException big = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/marketing/favor/media/image-upload")
                        .post(Options.upload(Media.of("big.jpg", new byte[2 * 1024 * 1024 + 1]))));
        assertTrue(big.getMessage().contains("at most 2097152 bytes"), big.getMessage());
        InvalidRequestException video = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/merchant/media/video_upload")
                        .post(Options.upload(Media.of("v.mp4", new byte[5 * 1024 * 1024 + 1]))));
        assertTrue(video.getMessage().contains("5.0 MiB"), video.getMessage());
        InvalidRequestException type = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/merchant/media/upload").post(Options.upload(Media.of("a.gif", new byte[10]))));
        assertTrue(type.getMessage().contains("not 'a.gif'"), type.getMessage());
        assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/merchant/media/upload").put(Options.upload(Media.of("a.jpg", new byte[10]))));
        assertThrows(InvalidRequestException.class, () -> Media.of("a.jpg", new byte[0]));
        assertThrows(InvalidRequestException.class, () -> Media.of("a\".jpg", new byte[1]));
        assertThrows(InvalidRequestException.class, () -> Media.of(Path.of("no", "such", "file.jpg")));
        assertTrue(server.requests().isEmpty(), "nothing was sent");
    }

    @Test
    void aFileChangedOnTheWayFailsTheMetaHashCheck() {
        // a transport that flips one byte of the file part after the client signed and built the request
        HttpTransport real = new JdkHttpTransport(TransportOptions.defaults());
        HttpTransport corrupting = new HttpTransport() {
            @Override
            public HttpResponse send(HttpRequest request) throws IOException {
                byte[] body = request.body().clone();
                body[body.length - 100] ^= 0x01;
                return real.send(new HttpRequest(request.method(), request.uri(), request.headers(), body));
            }

            @Override
            public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                return real.sendAsync(request);
            }

            @Override
            public void close() {
                real.close();
            }
        };
        try (corrupting;
                WechatPay client = server.clientBuilder().transport(corrupting).build()) {
            ServiceException e = assertThrows(
                    ServiceException.class,
                    () -> client.chain("v3/merchant/media/upload")
                            .post(Options.upload(Media.of("a.jpg", bytes(5000, 6)))));
            assertEquals(400, e.statusCode());
            assertEquals("PARAM_ERROR", e.code().orElseThrow());
            assertTrue(e.errorMessage().orElseThrow().contains("sha256"), e.getMessage());
        }
    }
}
