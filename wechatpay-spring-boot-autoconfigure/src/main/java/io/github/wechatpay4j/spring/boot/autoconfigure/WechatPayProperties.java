package io.github.wechatpay4j.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code wechatpay.*} properties: what the application's merchants share (how the one HTTP transport is made,
 * which JSON adapter) and each merchant under {@code wechatpay.merchants.<name>.*}. Secrets are never part of
 * {@link #toString()}; Spring Boot's actuator masks them as it masks every value by default.
 *
 * @param transport      the HTTP adapter by name ({@code jdk}, {@code okhttp}, {@code apache}); default: the
 *                       highest-priority one found
 * @param json           the JSON adapter by its provider name (jackson, jackson3 or gson); default: the
 *                       highest-priority one found
 * @param connectTimeout the shared transport's connect timeout (default 10 s)
 * @param readTimeout    the shared transport's read timeout (default 30 s)
 * @param maxConnections the shared transport's connections per host (default 64)
 * @param merchants      the merchants, by a name of the application's choosing
 * @param notificationPath where WeChat Pay posts each merchant's notifications: {@code <path>/<merchant name>}, and
 *                       its APIv2 notifications {@code <path>/<merchant name>/v2}
 *                       (default {@code /wechatpay/notifications}); the {@code notify_url} to give in orders
 * @param deliveryTracker  how notifications already handled are remembered
 */
@ConfigurationProperties("wechatpay")
public record WechatPayProperties(
        String transport,
        String json,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConnections,
        Map<String, Merchant> merchants,
        String notificationPath,
        DeliveryTrackerSettings deliveryTracker) {

    public WechatPayProperties {
        merchants = merchants == null ? Map.of() : new LinkedHashMap<>(merchants);
        deliveryTracker = deliveryTracker == null
                ? new DeliveryTrackerSettings(null, null, null, null, null, 0)
                : deliveryTracker;
        notificationPath = notificationPath == null || notificationPath.isBlank()
                ? "/wechatpay/notifications"
                : notificationPath.replaceAll("/+$", "");
    }

    /**
     * How the notification endpoint remembers what it handled (unless the application defines a
     * {@code DeliveryTracker} bean): in a database table when the application has a {@code DataSource}, in memory
     * otherwise.
     *
     * @param type             {@code auto} (default: JDBC with a DataSource, memory without), {@code jdbc} or
     *                         {@code memory}
     * @param table            the table (default {@code wechatpay_notification})
     * @param lease            how long a claim holds before another delivery may take it over (default 5 minutes)
     * @param retention        how long handled notifications are remembered in the table (default 7 days)
     * @param initializeSchema when the starter creates a missing table: {@code embedded} (default; in-memory
     *                         databases), {@code always} or {@code never}
     * @param capacity         how many notifications the in-memory tracker remembers (default 100,000)
     */
    public record DeliveryTrackerSettings(
            String type, String table, Duration lease, Duration retention, String initializeSchema, int capacity) {

        public DeliveryTrackerSettings {
            type = type == null || type.isBlank() ? "auto" : type.strip().toLowerCase(java.util.Locale.ROOT);
            table = table == null || table.isBlank() ? "wechatpay_notification" : table.strip();
            lease = lease == null ? Duration.ofMinutes(5) : lease;
            retention = retention == null ? Duration.ofDays(7) : retention;
            initializeSchema = initializeSchema == null || initializeSchema.isBlank()
                    ? "embedded"
                    : initializeSchema.strip().toLowerCase(java.util.Locale.ROOT);
            capacity = capacity <= 0 ? 100_000 : capacity;
        }
    }

    /**
     * One merchant.
     *
     * @param merchantId             the merchant ID (商户号)
     * @param merchantSerialNumber   the merchant API certificate's serial number
     * @param privateKey             the merchant private key as PEM text (from a secret store, say)
     * @param privateKeyLocation     or the merchant private key as a resource ({@code file:/etc/wechatpay/apiclient_key.pem})
     * @param wechatpayPublicKeyId   the WeChat Pay public key ID ({@code PUB_KEY_ID_…})
     * @param wechatpayPublicKey     the WeChat Pay public key as PEM text
     * @param wechatpayPublicKeyLocation or as a resource ({@code pub_key.pem})
     * @param autoCertificates       download and refresh the platform certificates (needs the APIv3 key)
     * @param apiV3Key               the APIv3 key (32 characters): notifications and downloaded certificates
     * @param baseUrl                the API base URL (tests point it at the fake WeChat Pay)
     * @param backupBaseUrl          the backup host for failover
     * @param hosts                  replacements of the hosts some operations are served on (official → yours)
     * @param maxAttempts            how many times a call is tried at most (default: the SDK's policy)
     * @param apiV2Key               the APIv2 key (APIv2密钥, 32 characters; not the APIv3 key): turns on
     *                               {@code v2/…} calls and the merchant's APIv2 notification endpoint (module
     *                               {@code wechatpay-v2})
     * @param apiV2SignType          what the merchant's APIv2 calls are signed with, {@code MD5} (APIv2's default)
     *                               or {@code HMAC-SHA256}; its payment notifications are checked with it too
     * @param apiV2Appid             the {@code appid} added to the APIv2 calls that give none
     * @param clientCertificateLocation the merchant's API certificate as {@code apiclient_cert.p12}, presented on
     *                               the APIv2 calls that require it (refunds, reversals, red packets, transfers)
     * @param clientCertificatePassword the PKCS#12 file's password (default: the merchant ID, as WeChat Pay issues
     *                               it)
     */
    public record Merchant(
            String merchantId,
            String merchantSerialNumber,
            String privateKey,
            Resource privateKeyLocation,
            String wechatpayPublicKeyId,
            String wechatpayPublicKey,
            Resource wechatpayPublicKeyLocation,
            boolean autoCertificates,
            String apiV3Key,
            String baseUrl,
            String backupBaseUrl,
            Map<String, String> hosts,
            Integer maxAttempts,
            String apiV2Key,
            String apiV2SignType,
            String apiV2Appid,
            Resource clientCertificateLocation,
            String clientCertificatePassword) {

        /** A blank value counts as unset, so that {@code ${WECHATPAY_APIV3_KEY:}} placeholders can stay empty. */
        public Merchant {
            merchantId = unsetIfBlank(merchantId);
            merchantSerialNumber = unsetIfBlank(merchantSerialNumber);
            privateKey = unsetIfBlank(privateKey);
            wechatpayPublicKeyId = unsetIfBlank(wechatpayPublicKeyId);
            wechatpayPublicKey = unsetIfBlank(wechatpayPublicKey);
            apiV3Key = unsetIfBlank(apiV3Key);
            baseUrl = unsetIfBlank(baseUrl);
            backupBaseUrl = unsetIfBlank(backupBaseUrl);
            hosts = hosts == null ? Map.of() : new LinkedHashMap<>(hosts);
            apiV2Key = unsetIfBlank(apiV2Key);
            apiV2SignType = unsetIfBlank(apiV2SignType);
            apiV2Appid = unsetIfBlank(apiV2Appid);
            clientCertificatePassword = unsetIfBlank(clientCertificatePassword);
        }

        /** Whether any APIv2 setting is given (then the {@code wechatpay-v2} module is needed). */
        boolean usesApiV2() {
            return apiV2Key != null || apiV2SignType != null || apiV2Appid != null || clientCertificateLocation != null;
        }

        private static String unsetIfBlank(String value) {
            return value == null || value.isBlank() ? null : value;
        }

        /** Everything but the secrets (private key, APIv3 and APIv2 keys), which are shown as set or not. */
        @Override
        public String toString() {
            return "Merchant[merchantId=" + merchantId + ", merchantSerialNumber=" + merchantSerialNumber
                    + ", privateKey=" + (privateKey != null || privateKeyLocation != null ? "[set]" : "[none]")
                    + ", wechatpayPublicKeyId=" + wechatpayPublicKeyId + ", autoCertificates=" + autoCertificates
                    + ", apiV3Key=" + (apiV3Key != null ? "[set]" : "[none]")
                    + ", apiV2Key=" + (apiV2Key != null ? "[set]" : "[none]") + ", clientCertificate="
                    + (clientCertificateLocation != null ? "[set]" : "[none]") + ", baseUrl=" + baseUrl + "]";
        }
    }
}
