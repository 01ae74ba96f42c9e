package io.github.wechatpay4j.cli;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.sm.MerchantKeys;
import io.github.wechatpay4j.crypto.sm.ShangMiSuite;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A merchant's configuration for {@code request}, {@code certificates} and {@code notify}, from flags, else
 * environment variables, else a properties file. Holds file paths and the APIv3 key; {@link #toString()} never
 * shows the key.
 */
final class MerchantConfig {
    static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com";

    private final String baseUrl;
    private final String mchid;
    private final String serial;
    private final Path privateKey;
    private final Path publicKey;
    private final String publicKeyId;
    private final List<Path> platformCertificates;
    private final String apiV3Key;
    private final Duration timeout;

    private MerchantConfig(
            String baseUrl,
            String mchid,
            String serial,
            Path privateKey,
            Path publicKey,
            String publicKeyId,
            List<Path> platformCertificates,
            String apiV3Key,
            Duration timeout) {
        this.baseUrl = baseUrl;
        this.mchid = mchid;
        this.serial = serial;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyId = publicKeyId;
        this.platformCertificates = List.copyOf(platformCertificates);
        this.apiV3Key = apiV3Key;
        this.timeout = timeout;
    }

    /** One source of settings: a flag, an environment variable, a property; paths resolved against a folder. */
    private record Source(
            Args args, Map<String, String> env, Properties properties, Path propertiesDir, Path workingDirectory) {

        String get(String name) {
            Optional<String> flag = args.value(name);
            if (flag.isPresent()) {
                return flag.get();
            }
            String fromEnv = env.get(
                    "WECHATPAY_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.strip();
            }
            String property = properties.getProperty(name);
            return property == null || property.isBlank() ? null : property.strip();
        }

        /** A path setting: flags and environment resolve against the working directory, properties against theirs. */
        Path path(String name) {
            if (args.value(name).isPresent()
                    || env.containsKey("WECHATPAY_"
                            + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))) {
                String v = get(name);
                return v == null ? null : workingDirectory.resolve(v);
            }
            String property = properties.getProperty(name);
            return property == null || property.isBlank() ? null : propertiesDir.resolve(property.strip());
        }

        List<Path> paths(String name) {
            List<Path> out = new ArrayList<>();
            if (!args.values(name).isEmpty()) {
                args.values(name).forEach(v -> out.add(workingDirectory.resolve(v)));
                return out;
            }
            String fromEnv = env.get(
                    "WECHATPAY_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            String list = fromEnv != null && !fromEnv.isBlank() ? fromEnv : properties.getProperty(name);
            Path base = fromEnv != null && !fromEnv.isBlank() ? workingDirectory : propertiesDir;
            if (list != null) {
                for (String item : list.split(",")) {
                    if (!item.isBlank()) {
                        out.add(base.resolve(item.strip()));
                    }
                }
            }
            return out;
        }
    }

    static MerchantConfig resolve(Args args, Map<String, String> env, Path workingDirectory) {
        Path configFile = null;
        if (args.value("keys-dir").isPresent()) {
            configFile = workingDirectory.resolve(args.value("keys-dir").get()).resolve("wechatpay.properties");
        }
        if (args.value("config").isPresent()) {
            if (configFile != null) {
                throw new UsageException("give --config or --keys-dir, not both");
            }
            configFile = workingDirectory.resolve(args.value("config").get());
        } else if (configFile == null
                && env.get("WECHATPAY_CONFIG") != null
                && !env.get("WECHATPAY_CONFIG").isBlank()) {
            configFile = workingDirectory.resolve(env.get("WECHATPAY_CONFIG").strip());
        }
        Properties properties = new Properties();
        Path propertiesDir = workingDirectory;
        if (configFile != null) {
            try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UsageException("cannot read the configuration " + configFile + " (" + e.getMessage() + ")");
            }
            propertiesDir = configFile.toAbsolutePath().getParent();
        }
        Source source = new Source(args, env, properties, propertiesDir, workingDirectory);

        String apiV3Key = source.get("apiv3-key");
        if (apiV3Key != null && apiV3Key.startsWith("@")) {
            apiV3Key = readSecret(workingDirectory.resolve(apiV3Key.substring(1)), "--apiv3-key");
        }
        if (apiV3Key == null) {
            Path keyFile = source.path("apiv3-key-file");
            if (keyFile != null) {
                apiV3Key = readSecret(keyFile, "apiv3-key-file");
            }
        }
        Duration timeout = null;
        if (args.value("timeout").isPresent()) {
            timeout = Duration.ofSeconds(Cli.positiveLong(args, "timeout"));
        }
        String baseUrl = source.get("base-url");
        return new MerchantConfig(
                baseUrl == null ? DEFAULT_BASE_URL : baseUrl,
                source.get("mchid"),
                source.get("serial"),
                source.path("private-key"),
                source.path("public-key"),
                source.get("public-key-id"),
                source.paths("platform-cert"),
                apiV3Key,
                timeout);
    }

    /** A one-line secret file; the content is never echoed. */
    private static String readSecret(Path file, String what) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.strip();
        } catch (IOException e) {
            throw new UsageException(
                    what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    Optional<String> apiV3Key() {
        return Optional.ofNullable(apiV3Key);
    }

    /** The configured verification keys (public key and/or certificates), or empty when none were given. */
    Optional<PlatformKeys> platformKeys() {
        if (publicKey == null && platformCertificates.isEmpty()) {
            return Optional.empty();
        }
        PlatformKeys.Builder keys = PlatformKeys.builder().suite(suite());
        if (publicKey != null) {
            keys.publicKey(requirePublicKeyId(), read(publicKey, "--public-key"));
        }
        for (Path certificate : platformCertificates) {
            keys.certificates(read(certificate, "--platform-cert"));
        }
        return Optional.of(keys.build());
    }

    /**
     * The crypto suite of the configured keys: the merchant key's when there is one, otherwise ShangMi's when the
     * first platform certificate is an SM2 one, otherwise RSA.
     */
    private CryptoSuite suite() {
        if (privateKey != null) {
            return MerchantKeys.fromPem(read(privateKey, "--private-key")).suite();
        }
        if (!platformCertificates.isEmpty()) {
            try {
                ShangMiSuite.INSTANCE.certificates(read(platformCertificates.get(0), "--platform-cert"));
                return ShangMiSuite.INSTANCE;
            } catch (io.github.wechatpay4j.ConfigurationException e) {
                return CryptoSuite.rsa(); // the RSA reading says what is wrong with it
            }
        }
        return CryptoSuite.rsa();
    }

    private String requirePublicKeyId() {
        if (publicKeyId == null) {
            throw new UsageException("--public-key needs --public-key-id (the PUB_KEY_ID_... shown next to the key"
                    + " in the merchant platform)");
        }
        return publicKeyId;
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(
                    what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A client for this merchant. Verification uses the public key and/or certificates given; with neither, the
     * APIv3 key alone means automatic certificates (when {@code allowAutoCertificates}).
     */
    WechatPay client(boolean allowAutoCertificates) {
        if (mchid == null) {
            throw new UsageException("the merchant ID is missing: --mchid, WECHATPAY_MCHID or mchid= in --config");
        }
        if (serial == null) {
            throw new UsageException("the merchant certificate serial is missing: --serial, WECHATPAY_SERIAL or"
                    + " serial= in --config");
        }
        if (privateKey == null) {
            throw new UsageException("the merchant private key is missing: --private-key FILE,"
                    + " WECHATPAY_PRIVATE_KEY or private-key= in --config");
        }
        WechatPay.Builder builder = WechatPay.builder()
                .merchantId(mchid)
                .merchantSerialNumber(serial)
                .merchantKey(MerchantKeys.fromPem(read(privateKey, "--private-key")))
                .baseUrl(baseUrl)
                .jsonCodec(new GsonJsonCodec());
        if (timeout != null) {
            builder.readTimeout(timeout).connectTimeout(timeout);
        }
        if (apiV3Key != null) {
            builder.apiV3Key(apiV3Key);
        }
        boolean verification = false;
        if (publicKey != null) {
            builder.wechatpayPublicKey(requirePublicKeyId(), read(publicKey, "--public-key"));
            verification = true;
        }
        for (Path certificate : platformCertificates) {
            builder.platformCertificates(read(certificate, "--platform-cert"));
            verification = true;
        }
        if (!verification) {
            if (apiV3Key == null || !allowAutoCertificates) {
                throw new UsageException("no way to verify WeChat Pay's answers: give --public-key FILE with"
                        + " --public-key-id ID, or --platform-cert FILE, or --apiv3-key for automatic certificates");
            }
            builder.autoCertificates();
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "MerchantConfig[" + baseUrl + ", mchid=" + mchid + ", serial=" + serial + ", apiV3Key="
                + (apiV3Key == null ? "none" : "hidden") + "]";
    }
}
