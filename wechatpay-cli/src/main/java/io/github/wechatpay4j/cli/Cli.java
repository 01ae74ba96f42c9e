package io.github.wechatpay4j.cli;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedNotificationException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.OutcomeUnknownException;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.ShangMiKeys;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code wechatpay} command. {@link #run} never calls {@code System.exit} and never throws: it prints results on
 * {@code out}, one line per error on {@code err}, and returns the exit code, so tests drive it in-process.
 *
 * <p>Exit codes: {@value #OK} success; {@value #SERVICE_ERROR} WeChat Pay answered an error (its JSON on stderr);
 * {@value #VERIFICATION_FAILED} a response or notification failed verification; {@value #TRANSPORT_FAILED} the HTTP
 * exchange failed and the request cannot have taken effect (a GET, or a connection never made);
 * {@value #USAGE} usage or configuration error; {@value #OUTCOME_UNKNOWN} a request that changes state may have
 * taken effect but the answer was lost or failed verification: query it before sending it again.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int SERVICE_ERROR = 2;
    public static final int VERIFICATION_FAILED = 3;
    public static final int TRANSPORT_FAILED = 4;
    public static final int USAGE = 5;
    public static final int OUTCOME_UNKNOWN = 6;
    /** A failure the command did not foresee (a bug: please report it). */
    public static final int INTERNAL = 1;

    static final String EXIT_CODES = """
            Exit codes:
              0  success
              2  WeChat Pay answered an error (its JSON error body on stderr)
              3  a response or notification failed verification (signature, timestamp, serial, decryption)
              4  transport failure; the request did not take effect (a GET, or no connection was made)
              5  usage or configuration error
              6  outcome unknown: a POST/PUT/PATCH/DELETE may have taken effect but its answer was lost or failed
                 verification; query it by its business key before sending it again, never create it twice
            """;

    static final String MERCHANT_HELP = """
            Merchant configuration (flags, else environment variables, else the --config properties file):
              --base-url URL          WECHATPAY_BASE_URL       base-url        default https://api.mch.weixin.qq.com
              --mchid ID              WECHATPAY_MCHID          mchid
              --serial SERIAL         WECHATPAY_SERIAL         serial          merchant certificate serial
              --private-key FILE      WECHATPAY_PRIVATE_KEY    private-key     merchant private key (PEM)
              --public-key FILE       WECHATPAY_PUBLIC_KEY     public-key      WeChat Pay public key (pub_key.pem) ...
              --public-key-id ID      WECHATPAY_PUBLIC_KEY_ID  public-key-id   ... and its PUB_KEY_ID_...
              --platform-cert FILE    WECHATPAY_PLATFORM_CERT  platform-cert   platform certificate(s), repeatable
                                                                               (comma-separated in env/properties)
              --apiv3-key KEY|@FILE   WECHATPAY_APIV3_KEY      apiv3-key       APIv3 key; alone it means automatic
                                                               apiv3-key-file  certificates (prefer @FILE or env:
                                                                               arguments show in process lists)
              --config FILE           WECHATPAY_CONFIG                         properties file; relative paths in it
                                                                               are resolved against its folder
              --keys-dir DIR                                                   the folder `wechatpay fake-server`
                                                                               wrote (its wechatpay.properties)
            """;

    private static final String USAGE_TEXT = """
            Usage: wechatpay COMMAND [OPTIONS]   (wechatpay COMMAND --help for details)

            Commands:
              request METHOD PATH          send a signed request, print the verified response body
              certificates download        download, decrypt, verify and write the platform certificates
              notify verify                verify a notification and print its decrypted resource
              keys inspect FILE...         what PEM files hold, and whether private keys match certificates
              fake-server                  run the fake WeChat Pay server until killed
              demo                         a full merchant flow against an embedded fake server
              version                      print the SDK version

            """ + EXIT_CODES;

    private static final Set<String> MERCHANT_OPTIONS = Set.of(
            "base-url",
            "mchid",
            "serial",
            "private-key",
            "public-key",
            "public-key-id",
            "platform-cert",
            "apiv3-key",
            "config",
            "keys-dir",
            "timeout");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workingDirectory;

    public Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, Path.of("").toAbsolutePath());
    }

    Cli(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.workingDirectory = workingDirectory;
    }

    /** Runs one command line and returns its exit code. */
    public int run(String... args) {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty()
                || list.get(0).equals("--help")
                || list.get(0).equals("-h")
                || list.get(0).equals("help")) {
            out.print(USAGE_TEXT);
            return list.isEmpty() ? USAGE : OK;
        }
        String command = list.get(0);
        List<String> rest = list.subList(1, list.size());
        try {
            switch (command) {
                case "request" -> {
                    return request(rest);
                }
                case "certificates" -> {
                    return certificates(rest);
                }
                case "notify" -> {
                    return notify(rest);
                }
                case "keys" -> {
                    return keys(rest);
                }
                case "fake-server" -> {
                    return fakeServer(rest);
                }
                case "demo" -> {
                    return demo(rest);
                }
                case "version", "--version" -> {
                    out.println("wechatpay " + WechatPay.VERSION);
                    return OK;
                }
                default -> throw new UsageException("unknown command '" + command + "' (try wechatpay --help)");
            }
        } catch (UsageException | ConfigurationException | InvalidRequestException e) {
            return fail(USAGE, e.getMessage());
        } catch (ServiceException e) {
            String body = e.body().strip();
            err.println(body.startsWith("{") ? body.replace('\n', ' ') : e.getMessage());
            return SERVICE_ERROR;
        } catch (OutcomeUnknownException e) {
            return fail(OUTCOME_UNKNOWN, e.getMessage());
        } catch (SignatureVerificationException
                | DecryptionException
                | MalformedNotificationException
                | MalformedResponseException e) {
            return fail(VERIFICATION_FAILED, e.getMessage());
        } catch (TransportException e) {
            return fail(TRANSPORT_FAILED, e.getMessage());
        } catch (WechatPayException e) {
            return fail(INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(USAGE, describe(e.getCause()));
        } catch (RuntimeException e) {
            return fail(
                    INTERNAL, "unexpected " + e.getClass().getName() + ": " + e.getMessage() + " (please report this)");
        }
    }

    private int fail(int code, String message) {
        err.println("wechatpay: " + (message == null ? "failed" : message.replace('\n', ' ')));
        return code;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private boolean help(Args args, String text) {
        if (args.has("help")) {
            out.print(text);
            return true;
        }
        return false;
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    // ------------------------------------------------------------------ request

    private static final String REQUEST_HELP = """
            Usage: wechatpay request METHOD PATH [--json JSON|@FILE] [--query NAME=VALUE]...
                                     [--header 'Name: value']... [--timeout SECONDS] [merchant options]

            Signs the request, sends it, verifies the answer's signature and prints the body, byte for byte.
            PATH is the API path, e.g. /v3/pay/transactions/out-trade-no/T1001 (a ?query is accepted too).

            """ + MERCHANT_HELP + "\n" + EXIT_CODES;

    private int request(List<String> argv) {
        Args args = Args.parse(argv, with(MERCHANT_OPTIONS, "json", "query", "header"), Set.of("help"));
        if (help(args, REQUEST_HELP)) {
            return OK;
        }
        if (args.positional().size() != 2) {
            throw new UsageException("request needs METHOD and PATH, e.g. wechatpay request GET /v3/certificates");
        }
        String method = args.positional().get(0).toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
            throw new UsageException("METHOD must be GET, POST, PUT, PATCH or DELETE, not " + method);
        }
        String target = args.positional().get(1);
        Options options = Options.none();
        int q = target.indexOf('?');
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    options = options.withQuery(
                            decode(eq < 0 ? pair : pair.substring(0, eq)),
                            eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            target = target.substring(0, q);
        }
        String path = target.startsWith("/") ? target.substring(1) : target;
        if (path.isEmpty() || path.contains("{") || path.contains("}")) {
            throw new UsageException("PATH must be a concrete API path such as /v3/certificates, not '" + target + "'");
        }
        for (String pair : args.values("query")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--query takes NAME=VALUE, not '" + pair + "'");
            }
            options = options.withQuery(pair.substring(0, eq), pair.substring(eq + 1));
        }
        for (String header : args.values("header")) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--header takes 'Name: value', not '" + header + "'");
            }
            options = options.withHeader(
                    header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip());
        }
        if (args.has("json")) {
            if (method.equals("GET")) {
                throw new UsageException("a GET has no body; drop --json");
            }
            options = options.withRawJson(textOrFile(args.value("json").orElseThrow(), "--json"));
        }
        try (WechatPay client = merchant(args).client(true)) {
            // a state change whose answer was lost or failed verification ends in OutcomeUnknownException (exit 6)
            ApiResponse response = client.chain(path).send(method, options);
            out.write(response.body(), 0, response.body().length);
            out.flush();
            return OK;
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** {@code value}, or the content of the file it names with a leading {@code @}. */
    private String textOrFile(String value, String what) {
        if (!value.startsWith("@")) {
            return value;
        }
        Path file = resolve(value.substring(1));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(what + ": cannot read " + file + " (" + describe(e) + ")");
        }
    }

    Path resolve(String file) {
        return workingDirectory.resolve(file);
    }

    MerchantConfig merchant(Args args) {
        return MerchantConfig.resolve(args, env, workingDirectory);
    }

    // ------------------------------------------------------------------ certificates

    private static final String CERTIFICATES_HELP = """
            Usage: wechatpay certificates download --out DIR [merchant options]

            Downloads GET /v3/certificates, verifies the answer's signature (with the keys you configured, or, given
            only --apiv3-key, with the downloaded certificates themselves), decrypts each certificate with the APIv3
            key, checks that its serial is the one announced, and writes DIR/wechatpay_SERIAL.pem.
            Needs the APIv3 key. A merchant that verifies with a WeChat Pay public key has no certificates.

            """ + MERCHANT_HELP + "\n" + EXIT_CODES;

    private int certificates(List<String> argv) {
        Args args = Args.parse(argv, with(MERCHANT_OPTIONS, "out"), Set.of("help"));
        if (help(args, CERTIFICATES_HELP)) {
            return OK;
        }
        if (args.positional().size() != 1 || !args.positional().get(0).equals("download")) {
            throw new UsageException("usage: wechatpay certificates download --out DIR");
        }
        Path dir = resolve(args.value("out").orElseThrow(() -> new UsageException("--out DIR is required")));
        MerchantConfig merchant = merchant(args);
        ApiV3Key key = ApiV3Key.of(merchant.apiV3Key()
                .orElseThrow(() -> new UsageException("certificates download needs the APIv3 key (--apiv3-key @FILE or "
                        + "WECHATPAY_APIV3_KEY) to decrypt the certificates")));
        List<String> written = new ArrayList<>();
        try (WechatPay client = merchant.client(true)) {
            ApiResponse response = client.chain("v3/certificates").get();
            String requestId = response.requestId().orElse(null);
            Map<String, Object> answer = response.asMap();
            if (!(answer.get("data") instanceof List<?> data)) {
                throw new MalformedResponseException(
                        "GET /v3/certificates answered no data list", 200, requestId, null);
            }
            Files.createDirectories(dir);
            for (Object item : data) {
                Map<?, ?> entry = (Map<?, ?>) item;
                Map<?, ?> encrypted = (Map<?, ?>) entry.get("encrypt_certificate");
                if (encrypted == null || !ApiV3Key.ALGORITHM.equals(encrypted.get("algorithm"))) {
                    throw new MalformedResponseException(
                            "a certificate is not encrypted with " + ApiV3Key.ALGORITHM, 200, requestId, null);
                }
                String pem = key.decryptToString(
                        string(encrypted.get("associated_data")),
                        string(encrypted.get("nonce")),
                        string(encrypted.get("ciphertext")));
                X509Certificate certificate = Keys.certificateFromPem(pem);
                String serial = Keys.serialNumber(certificate);
                String announced = Keys.normalizeSerial(string(entry.get("serial_no")));
                if (!serial.equals(announced)) {
                    throw new SignatureVerificationException(
                            SignatureVerificationException.Reason.UNKNOWN_SERIAL,
                            "certificate announced as " + announced + " has serial " + serial + "; nothing written");
                }
                certificate.checkValidity();
                Path file = dir.resolve("wechatpay_" + serial + ".pem");
                Files.writeString(file, pem.endsWith("\n") ? pem : pem + "\n", StandardCharsets.UTF_8);
                written.add(serial + "  valid " + certificate.getNotBefore().toInstant() + " .. "
                        + certificate.getNotAfter().toInstant() + "  " + file);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write into " + dir + " (" + describe(e) + ")");
        } catch (java.security.cert.CertificateException e) {
            throw new SignatureVerificationException(
                    SignatureVerificationException.Reason.BAD_SIGNATURE,
                    "a downloaded certificate is not valid now (" + e.getMessage() + "); nothing more written");
        } catch (ClassCastException e) {
            throw new MalformedResponseException("GET /v3/certificates answered an unexpected shape", 200, null, e);
        }
        written.forEach(out::println);
        return OK;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    // ------------------------------------------------------------------ notify

    private static final String NOTIFY_HELP = """
            Usage: wechatpay notify verify --body FILE --header 'Name: value'... [--window SECONDS]
                                           [merchant options]

            Verifies a notification exactly as an endpoint would (timestamp window, serial, signature over the raw
            body bytes), decrypts its resource with the APIv3 key and prints the resource JSON. Give the request's
            Wechatpay-Timestamp, -Nonce, -Serial and -Signature headers. Needs the verification keys
            (--public-key/--public-key-id or --platform-cert) and the APIv3 key; no private key, no network.
            --window widens the 300-second timestamp window, for notifications saved earlier.

            """ + MERCHANT_HELP + "\n" + EXIT_CODES;

    private int notify(List<String> argv) {
        Args args = Args.parse(argv, with(MERCHANT_OPTIONS, "body", "header", "window"), Set.of("help"));
        if (help(args, NOTIFY_HELP)) {
            return OK;
        }
        if (args.positional().size() != 1 || !args.positional().get(0).equals("verify")) {
            throw new UsageException("usage: wechatpay notify verify --body FILE --header 'Name: value'...");
        }
        Path bodyFile = resolve(args.value("body").orElseThrow(() -> new UsageException("--body FILE is required")));
        byte[] body;
        try {
            body = Files.readAllBytes(bodyFile);
        } catch (IOException e) {
            throw new UsageException("--body: cannot read " + bodyFile + " (" + describe(e) + ")");
        }
        Headers.Builder headers = Headers.builder();
        for (String header : args.values("header")) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--header takes 'Name: value', not '" + header + "'");
            }
            headers.add(
                    header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip());
        }
        MerchantConfig merchant = merchant(args);
        String apiV3Key = merchant.apiV3Key()
                .orElseThrow(() -> new UsageException(
                        "notify verify needs the APIv3 key (--apiv3-key @FILE or WECHATPAY_APIV3_KEY)"));
        PlatformKeys keys = merchant.platformKeys()
                .orElseThrow(() -> new UsageException(
                        "notify verify needs the verification keys: --public-key FILE --public-key-id ID, or "
                                + "--platform-cert FILE"));
        Notifications notifications = Notifications.of(keys, ApiV3Key.of(apiV3Key), new GsonJsonCodec());
        if (args.has("window")) {
            notifications = notifications.withWindow(Duration.ofSeconds(positiveLong(args, "window")));
        }
        NotificationEvent event = notifications.parse(body, headers.build());
        out.println(event.notification().resourceJson());
        return OK;
    }

    static long positiveLong(Args args, String name) {
        String value = args.value(name).orElseThrow();
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a positive whole number, not '" + value + "'");
    }

    // ------------------------------------------------------------------ keys

    private static final String KEYS_HELP = """
            Usage: wechatpay keys inspect FILE...

            Prints what each PEM file holds: private keys (type, size), public keys, certificates (serial as
            WeChat Pay writes it, subject, validity, whether valid now), and for every private key whether it
            matches each certificate or public key given. Never prints key material.

            """ + EXIT_CODES;

    private int keys(List<String> argv) {
        Args args = Args.parse(argv, Set.of(), Set.of("help"));
        if (help(args, KEYS_HELP)) {
            return OK;
        }
        if (args.positional().size() < 2 || !args.positional().get(0).equals("inspect")) {
            throw new UsageException("usage: wechatpay keys inspect FILE...");
        }
        List<Path> files = args.positional().subList(1, args.positional().size()).stream()
                .map(this::resolve)
                .toList();
        KeyInspector.inspect(files, Instant.now(), out);
        return OK;
    }

    // ------------------------------------------------------------------ fake-server

    private static final String FAKE_SERVER_HELP = """
            Usage: wechatpay fake-server --keys-dir DIR [--port PORT] [--mode public-key|certificate|shangmi]

            Runs the fake WeChat Pay server on 127.0.0.1 until killed. Fresh keys are generated and written into DIR:
            merchant_private_key.pem, merchant_serial.txt, mchid.txt, apiv3_key.txt, platform_public_key.pem,
            platform_public_key_id.txt, platform_certificate.pem, base_url.txt, and wechatpay.properties
            (use it with --keys-dir DIR or --config DIR/wechatpay.properties). Prints one line,
            "listening on http://127.0.0.1:PORT", once it accepts requests. --port 0 (the default) picks a free port.
            --mode shangmi speaks ShangMi: the merchant key is SM2, the platform certificates SM2, answers and
            notifications signed WECHATPAY2-SM2-WITH-SM3, resources encrypted AEAD_SM4_GCM.

            It answers orders (JSAPI/Native/App/H5 prepay, query, close), refunds, bills, certificates and uploads
            as WeChat Pay does, and has unsigned control endpoints to play the payer:
              POST /_fake/orders/{out_trade_no}/pay      pay an order (TRANSACTION.SUCCESS is posted to notify_url)
              POST /_fake/refunds/{out_refund_no}/complete
              GET  /_fake/orders    GET /_fake/deliveries
              POST /_fake/faults/{FAULT}[?requests=N]    DELETE /_fake/faults
                   (SYSTEM_ERROR, FREQUENCY_LIMITED, CONNECTION_RESET, CONNECTION_RESET_AFTER_PROCESSING,
                    SLOW_REPLY, TAMPER_BODY, STALE_TIMESTAMP, UNKNOWN_SERIAL, PROBE_SIGNATURE, ...)

            """ + EXIT_CODES;

    private int fakeServer(List<String> argv) {
        Args args = Args.parse(argv, Set.of("port", "keys-dir", "mode"), Set.of("help"));
        if (help(args, FAKE_SERVER_HELP)) {
            return OK;
        }
        if (!args.positional().isEmpty()) {
            throw new UsageException("fake-server takes no arguments besides its options");
        }
        Path dir = resolve(args.value("keys-dir").orElseThrow(() -> new UsageException("--keys-dir DIR is required")));
        int port;
        try {
            port = Integer.parseInt(args.value("port").orElse("0"));
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number 0..65535");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be a number 0..65535");
        }
        String modeName = args.value("mode").orElse("public-key");
        FakeWechatPay.Mode mode = switch (modeName) {
            case "public-key" -> FakeWechatPay.Mode.PUBLIC_KEY;
            case "certificate", "shangmi" -> FakeWechatPay.Mode.CERTIFICATE;
            default -> throw new UsageException("--mode must be public-key, certificate or shangmi");
        };
        FakeWechatPay server;
        try {
            server = modeName.equals("shangmi")
                    ? FakeWechatPay.startShangMi(ShangMiKeys.generate(), Clock.systemUTC(), port)
                    : FakeWechatPay.start(TestKeys.generate(), mode, Clock.systemUTC(), port);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            server.writeClientFiles(dir);
        } catch (IOException e) {
            server.close();
            throw new UsageException("cannot write the client files into " + dir + " (" + describe(e) + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "wechatpay-fake-server-shutdown"));
        out.println("listening on " + server.baseUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return OK;
    }

    // ------------------------------------------------------------------ demo

    private static final String DEMO_HELP = """
            Usage: wechatpay demo

            Starts an embedded fake WeChat Pay and a notification endpoint on loopback, then walks a merchant flow
            with the SDK, printing each step: JSAPI prepay, the payer pays, TRANSACTION.SUCCESS received and
            verified, query, refund, REFUND.SUCCESS received, trade bill downloaded and hash-checked; then a
            business error and a tampered answer. No credentials, no network.
            """;

    private int demo(List<String> argv) {
        Args args = Args.parse(argv, Set.of(), Set.of("help"));
        if (help(args, DEMO_HELP)) {
            return OK;
        }
        if (!args.positional().isEmpty()) {
            throw new UsageException("demo takes no arguments");
        }
        return new Demo(out).run();
    }
}
