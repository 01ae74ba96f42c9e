package io.github.wechatpay4j.cli;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.crypto.sm.MerchantKeys;
import io.github.wechatpay4j.crypto.sm.Sm2Certificate;
import io.github.wechatpay4j.crypto.sm.Sm2PrivateKey;
import io.github.wechatpay4j.crypto.sm.Sm2PublicKey;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code wechatpay keys inspect}: what PEM files hold, without printing any key material. */
final class KeyInspector {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

    private KeyInspector() {}

    private record Named<T>(String name, T value) {}

    static void inspect(List<Path> files, Instant now, PrintStream out) {
        List<Named<Object>> privateKeys = new ArrayList<>();
        List<Named<Object>> publicKeys = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException(
                        "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            } catch (java.io.UncheckedIOException e) {
                throw new UsageException(file + " is not a text (PEM) file");
            }
            Matcher m = BLOCK.matcher(text);
            int blocks = 0;
            while (m.find()) {
                blocks++;
                String label = m.group(1);
                String pem = m.group();
                String where = file.getFileName() + (blocks > 1 ? "#" + blocks : "");
                switch (label) {
                    case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                        MerchantKey merchantKey = MerchantKeys.fromPem(pem);
                        Object key = merchantKey instanceof Sm2PrivateKey sm2 ? sm2 : Keys.privateKeyFromPem(pem);
                        privateKeys.add(new Named<>(where, key));
                        out.println(where + ": private key, " + describe(key) + " ("
                                + switch (label) {
                                    case "RSA PRIVATE KEY" -> "PKCS#1";
                                    case "EC PRIVATE KEY" -> "SEC 1";
                                    default -> "PKCS#8";
                                }
                                + ")");
                    }
                    case "PUBLIC KEY", "RSA PUBLIC KEY" -> {
                        Object key = publicKey(pem);
                        publicKeys.add(new Named<>(where, key));
                        out.println(where + ": public key, " + describe(key));
                    }
                    case "CERTIFICATE" -> {
                        Sm2Certificate sm2 = sm2Certificate(pem);
                        if (sm2 != null) {
                            publicKeys.add(new Named<>(where, sm2.publicKey()));
                            out.println(where + ": certificate, serial " + sm2.serialNumber() + ", "
                                    + describe(sm2.publicKey()) + ", valid " + sm2.notBefore() + " .. "
                                    + sm2.notAfter() + " (" + state(now, sm2.notBefore(), sm2.notAfter()) + ")");
                            continue;
                        }
                        X509Certificate c = Keys.certificateFromPem(pem);
                        publicKeys.add(new Named<>(where, c.getPublicKey()));
                        Instant from = c.getNotBefore().toInstant();
                        Instant to = c.getNotAfter().toInstant();
                        String state = state(now, from, to);
                        out.println(where + ": certificate, serial " + Keys.serialNumber(c) + ", "
                                + describe(c.getPublicKey()) + ", subject "
                                + c.getSubjectX500Principal().getName()
                                + ", valid " + from + " .. " + to + " (" + state + ")");
                    }
                    case "ENCRYPTED PRIVATE KEY" ->
                        throw new UsageException(where + " is an encrypted private key;"
                                + " decrypt it first (openssl pkcs8 -in KEY -out apiclient_key.pem)");
                    default -> out.println(where + ": " + label + " (not a key this SDK uses)");
                }
            }
            if (blocks == 0) {
                throw new UsageException(file + " holds no PEM block (-----BEGIN ...-----)");
            }
        }
        for (Named<Object> p : privateKeys) {
            for (Named<Object> q : publicKeys) {
                out.println(p.name() + (matches(p.value(), q.value()) ? " MATCHES " : " does NOT match ") + q.name());
            }
        }
    }

    private static String state(Instant now, Instant from, Instant to) {
        return now.isBefore(from) ? "NOT YET VALID" : now.isAfter(to) ? "EXPIRED" : "valid now";
    }

    /** An RSA public key, or an SM2 one when it is not RSA. */
    private static Object publicKey(String pem) {
        try {
            return Keys.publicKeyFromPem(pem);
        } catch (ConfigurationException rsa) {
            try {
                return Sm2PublicKey.fromPem(pem);
            } catch (ConfigurationException sm2) {
                throw rsa;
            }
        }
    }

    /** The certificate when it is an SM2 one (which the JDK cannot read), otherwise {@code null}. */
    private static Sm2Certificate sm2Certificate(String pem) {
        try {
            return Sm2Certificate.fromPem(pem);
        } catch (ConfigurationException e) {
            return null;
        }
    }

    private static String describe(Object key) {
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof Sm2PrivateKey || key instanceof Sm2PublicKey) {
            return "SM2 (sm2p256v1)";
        }
        return key.getClass().getSimpleName();
    }

    private static boolean matches(Object privateKey, Object publicKey) {
        if (privateKey instanceof Sm2PrivateKey sm2) {
            return sm2.publicKey().equals(publicKey);
        }
        return privateKey instanceof RSAKey a
                && publicKey instanceof RSAKey b
                && a.getModulus().equals(b.getModulus());
    }
}
