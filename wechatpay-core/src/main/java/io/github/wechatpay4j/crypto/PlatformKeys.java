package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of WeChat Pay verification keys, routed by {@code Wechatpay-Serial}: WeChat Pay public keys
 * (ID {@code PUB_KEY_ID_…}, never expire), platform certificates (serial in hex, checked against their validity
 * period), or both at once while a merchant migrates from certificates to public keys.
 *
 * <p>Serials are compared upper-case with leading zeros kept. Thread-safe; build one per client.
 */
public final class PlatformKeys implements Verifier {
    public static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

    private final Map<String, PlatformKey> keys;
    private final Clock clock;
    private final CryptoSuite suite;

    private PlatformKeys(Map<String, PlatformKey> keys, Clock clock, CryptoSuite suite) {
        this.keys = keys;
        this.clock = clock;
        this.suite = suite;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void verify(String serial, byte[] message, String signature) {
        PlatformKey entry = serial == null ? null : keys.get(Keys.normalizeSerial(serial));
        if (entry == null) {
            throw new SignatureVerificationException(
                    Reason.UNKNOWN_SERIAL,
                    "Wechatpay-Serial '" + serial
                            + "' names no key this client holds " + keys.keySet() + "; add the WeChat Pay public key or"
                            + " platform certificate with that serial/ID");
        }
        Instant now = clock.instant();
        if (!entry.isValidAt(now)) {
            throw new SignatureVerificationException(
                    Reason.EXPIRED_KEY,
                    "the platform certificate " + serial
                            + " is valid from " + entry.notBefore() + " to " + entry.notAfter() + ", not at " + now
                            + "; download the current platform certificates");
        }
        if (message == null) {
            throw new SignatureVerificationException(Reason.BAD_SIGNATURE, "there is no message to verify");
        }
        byte[] raw = decodeSignature(signature);
        boolean matches;
        try {
            matches = suite.verify(entry.publicKey(), message, raw);
        } catch (SignatureVerificationException e) {
            throw new SignatureVerificationException(e.reason(), e.getMessage() + " (key " + serial + ")", e);
        }
        if (!matches) {
            throw new SignatureVerificationException(
                    Reason.BAD_SIGNATURE,
                    "the WeChat Pay signature does not"
                            + " match the message signed with key " + serial
                            + ": the content was altered in transit or"
                            + " the configured key is not the one WeChat Pay used");
        }
    }

    /** The cryptography these keys verify with. */
    public CryptoSuite suite() {
        return suite;
    }

    /** Canonical, padded standard Base64 only; anything else is {@link Reason#MALFORMED_SIGNATURE}. */
    static byte[] decodeSignature(String signature) {
        if (signature == null || signature.isEmpty() || signature.length() % 4 != 0) {
            throw new SignatureVerificationException(
                    Reason.MALFORMED_SIGNATURE,
                    "Wechatpay-Signature is not padded" + " standard Base64 (length "
                            + (signature == null ? 0 : signature.length()) + ")");
        }
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(
                    Reason.MALFORMED_SIGNATURE, "Wechatpay-Signature is not valid" + " Base64");
        }
    }

    @Override
    public Set<String> serialNumbers() {
        return keys.keySet();
    }

    /** Every key, in the order added. */
    @Override
    public List<PlatformKey> keys() {
        return List.copyOf(keys.values());
    }

    /** The key with this serial or public key ID (any case). */
    public Optional<PlatformKey> key(String serial) {
        return serial == null || serial.isBlank()
                ? Optional.empty()
                : Optional.ofNullable(keys.get(Keys.normalizeSerial(serial)));
    }

    @Override
    public String toString() {
        return "PlatformKeys" + keys.keySet();
    }

    /** Collects keys; {@link #build()} needs at least one. */
    public static final class Builder {
        private final Map<String, PlatformKey> keys = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private CryptoSuite suite = CryptoSuite.rsa();

        private Builder() {}

        /**
         * The cryptography of the keys (default {@link CryptoSuite#rsa()}): set it before adding keys, which are
         * checked and read with it.
         */
        public Builder suite(CryptoSuite suite) {
            if (suite == null) {
                throw new ConfigurationException("the crypto suite must not be null");
            }
            if (!keys.isEmpty() && suite != this.suite) {
                throw new ConfigurationException("set the crypto suite before adding keys");
            }
            this.suite = suite;
            return this;
        }

        /**
         * Adds a WeChat Pay public key.
         *
         * @param keyId its ID, {@code PUB_KEY_ID_…}, exactly as shown on the merchant platform
         */
        public Builder publicKey(String keyId, PublicKey key) {
            if (keyId == null
                    || !Keys.normalizeSerial(keyId).startsWith(PUBLIC_KEY_ID_PREFIX)
                    || keyId.strip().length() == PUBLIC_KEY_ID_PREFIX.length()) {
                throw new ConfigurationException("a WeChat Pay public key ID starts with " + PUBLIC_KEY_ID_PREFIX
                        + " (got '" + keyId + "'); copy it from the merchant platform next to pub_key.pem");
            }
            requireSuite(key, "WeChat Pay public key " + keyId);
            put(PlatformKey.publicKey(keyId, key));
            return this;
        }

        /** Adds a WeChat Pay public key from PEM text ({@code pub_key.pem}). */
        public Builder publicKey(String keyId, String pem) {
            return publicKey(keyId, Keys.publicKeyFromPem(pem));
        }

        /** Adds a platform certificate; its serial number is read from the certificate. */
        public Builder certificate(X509Certificate certificate) {
            PlatformKey key = RsaSuite.key(certificate);
            requireSuite(key.publicKey(), "platform certificate");
            put(key);
            return this;
        }

        /** Adds every platform certificate in PEM text, read by the {@linkplain #suite suite}. */
        public Builder certificates(String pem) {
            for (PlatformKey key : suite.certificates(pem)) {
                requireSuite(key.publicKey(), "platform certificate " + key.serial());
                put(key);
            }
            return this;
        }

        /** Adds keys that are already checked, such as those of another {@link PlatformKeys}. */
        public Builder keys(Collection<PlatformKey> more) {
            if (more == null) {
                throw new ConfigurationException("the platform keys must not be null");
            }
            for (PlatformKey key : more) {
                requireSuite(key == null ? null : key.publicKey(), "platform key");
                put(key);
            }
            return this;
        }

        /** Whether no key was added yet. */
        public boolean isEmpty() {
            return keys.isEmpty();
        }

        /** The clock for certificate validity checks (tests). */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new ConfigurationException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        public PlatformKeys build() {
            if (keys.isEmpty()) {
                throw new ConfigurationException("no WeChat Pay verification key configured: add the WeChat Pay"
                        + " public key (pub_key.pem and its PUB_KEY_ID_…), the platform certificates, or let the client"
                        + " download them (autoCertificates() with the APIv3 key)");
            }
            return new PlatformKeys(Collections.unmodifiableMap(new LinkedHashMap<>(keys)), clock, suite);
        }

        private void put(PlatformKey entry) {
            PlatformKey previous = keys.get(entry.serial());
            if (previous != null && !previous.publicKey().equals(entry.publicKey())) {
                throw new ConfigurationException("two different keys were given for serial " + entry.serial());
            }
            keys.put(entry.serial(), entry);
        }

        private void requireSuite(PublicKey key, String what) {
            if (key == null) {
                throw new ConfigurationException("the " + what + " is missing");
            }
            if (!suite.accepts(key)) {
                throw new ConfigurationException("the " + what + " is a " + key.getAlgorithm() + " key; this"
                        + " client verifies " + suite.signatureAlgorithm() + " signatures with " + suite.name()
                        + " keys"
                        + (suite.name().equals("RSA")
                                ? " (a ShangMi merchant gives its Sm2PrivateKey to merchantKey(…), from"
                                        + " wechatpay-crypto-sm)"
                                : ""));
            }
        }
    }
}
