package io.github.wechatpay4j.cli;

import io.github.wechatpay4j.crypto.Keys;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
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
        List<Named<PrivateKey>> privateKeys = new ArrayList<>();
        List<Named<PublicKey>> publicKeys = new ArrayList<>();
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
                    case "PRIVATE KEY", "RSA PRIVATE KEY" -> {
                        PrivateKey key = Keys.privateKeyFromPem(pem);
                        privateKeys.add(new Named<>(where, key));
                        out.println(where + ": private key, " + describe(key) + " ("
                                + (label.startsWith("RSA") ? "PKCS#1" : "PKCS#8") + ")");
                    }
                    case "PUBLIC KEY", "RSA PUBLIC KEY" -> {
                        PublicKey key = Keys.publicKeyFromPem(pem);
                        publicKeys.add(new Named<>(where, key));
                        out.println(where + ": public key, " + describe(key));
                    }
                    case "CERTIFICATE" -> {
                        X509Certificate c = Keys.certificateFromPem(pem);
                        publicKeys.add(new Named<>(where, c.getPublicKey()));
                        Instant from = c.getNotBefore().toInstant();
                        Instant to = c.getNotAfter().toInstant();
                        String state = now.isBefore(from) ? "NOT YET VALID" : now.isAfter(to) ? "EXPIRED" : "valid now";
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
        for (Named<PrivateKey> p : privateKeys) {
            for (Named<PublicKey> q : publicKeys) {
                out.println(p.name() + (matches(p.value(), q.value()) ? " MATCHES " : " does NOT match ") + q.name());
            }
        }
    }

    private static String describe(Object key) {
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        return key.getClass().getSimpleName();
    }

    private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        return privateKey instanceof RSAKey a
                && publicKey instanceof RSAKey b
                && a.getModulus().equals(b.getModulus());
    }
}
