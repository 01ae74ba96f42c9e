package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Minimal, strict PEM reader (RFC 7468, with RFC 1421 headers tolerated so that encrypted legacy keys can be
 * recognised and refused with a useful message). Never puts key material into a message.
 */
public final class Pem {
    private Pem() {}

    /** One PEM block: its label ({@code PRIVATE KEY}), whether it had {@code Proc-Type: 4,ENCRYPTED}, its bytes. */
    public record Block(String label, boolean legacyEncrypted, byte[] der) {}

    /**
     * All PEM blocks in {@code text}, in order. Text around the blocks (such as OpenSSL's "Bag Attributes") is ignored.
     *
     * @param what what the caller expects, for messages ("merchant private key")
     * @throws ConfigurationException for a block without its END line, mismatched labels or invalid Base64
     */
    public static List<Block> parse(String text, String what) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = lines(text);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            if (!line.startsWith("-----BEGIN ")) {
                i++;
                continue;
            }
            if (!line.endsWith("-----") || line.length() < "-----BEGIN -----".length()) {
                throw new ConfigurationException("the " + what + " has a malformed PEM BEGIN line");
            }
            String label = line.substring("-----BEGIN ".length(), line.length() - 5);
            boolean encrypted = false;
            StringBuilder b64 = new StringBuilder();
            boolean ended = false;
            for (i++; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith("-----END ")) {
                    if (!l.equals("-----END " + label + "-----")) {
                        throw new ConfigurationException("the " + what + " PEM block BEGIN " + label
                                + " ends with a different END line; the file is damaged");
                    }
                    ended = true;
                    i++;
                    break;
                }
                if (l.indexOf(':') > 0) { // RFC 1421 header such as Proc-Type / DEK-Info
                    if (l.startsWith("Proc-Type:") && l.contains("ENCRYPTED")) {
                        encrypted = true;
                    }
                    continue;
                }
                b64.append(l);
            }
            if (!ended) {
                throw new ConfigurationException("the " + what + " PEM block BEGIN " + label
                        + " has no END line: the file is truncated; copy the whole file including the"
                        + " '-----END " + label + "-----' line");
            }
            blocks.add(new Block(label, encrypted, decodeBase64(b64.toString(), what + " (" + label + ")")));
        }
        return blocks;
    }

    /** Strict standard Base64 after removing white space; a message that names {@code what} on failure. */
    public static byte[] decodeBase64(String text, String what) {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        if (compact.length() == 0) {
            throw new ConfigurationException("the " + what + " is empty");
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "the " + what + " is not valid Base64: the file is damaged or is not" + " a PEM file");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo. */
    public static byte[] pkcs1PrivateToPkcs8(byte[] pkcs1) {
        return der(0x30, concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM_IDENTIFIER, der(0x04, pkcs1)));
    }

    /** Wraps a PKCS#1 RSAPublicKey into an X.509 SubjectPublicKeyInfo. */
    public static byte[] pkcs1PublicToSpki(byte[] pkcs1) {
        return der(0x30, concat(RSA_ALGORITHM_IDENTIFIER, der(0x03, concat(new byte[] {0}, pkcs1))));
    }

    /** SEQUENCE { OID 1.2.840.113549.1.1.1 rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The lines of {@code text}, split at CRLF, CR or LF (by hand: no regular expression to compile for a key). */
    private static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
    }
}
