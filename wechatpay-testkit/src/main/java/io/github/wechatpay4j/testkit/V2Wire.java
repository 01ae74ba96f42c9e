package io.github.wechatpay4j.testkit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * WeChat Pay's side of APIv2's wire format, written for the fake from WeChat Pay's documentation and independent of the
 * SDK's {@code wechatpay-v2}: the flat {@code <xml>} document, the MD5 / HMAC-SHA256 {@code sign} over the sorted
 * non-empty fields with {@code &key=}, and the AES-256-ECB {@code req_info} of refund notifications.
 */
final class V2Wire {
    static final String MD5 = "MD5";
    static final String HMAC_SHA256 = "HMAC-SHA256";

    private V2Wire() {}

    /** The fields of a flat {@code <xml>} document; no DTD, no entities. */
    static Map<String, String> read(byte[] xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            int depth = 0;
            String name = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new IllegalArgumentException("a DOCTYPE is not accepted");
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2) {
                        name = r.getLocalName();
                        text.setLength(0);
                    } else if (depth > 2) {
                        throw new IllegalArgumentException("nested element " + r.getLocalName());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && fields.put(name, text.toString()) != null) {
                        throw new IllegalArgumentException("duplicate element " + name);
                    }
                    depth--;
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
                        && depth == 2) {
                    text.append(r.getText());
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("malformed XML: " + e.getMessage(), e);
        }
        return fields;
    }

    /** {@code <xml>} with each field as CDATA, as WeChat Pay writes its answers. */
    static byte[] write(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("<xml>");
        fields.forEach((k, v) -> out.append('<')
                .append(k)
                .append("><![CDATA[")
                .append(v.replace("]]>", "]]]]><![CDATA[>"))
                .append("]]></")
                .append(k)
                .append('>'));
        return out.append("</xml>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code sign} of {@code fields} with {@code signType} ({@code MD5} or {@code HMAC-SHA256}) and the key. */
    static String sign(Map<String, String> fields, String signType, String key) {
        StringBuilder plain = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                plain.append(k).append('=').append(v).append('&');
            }
        });
        byte[] text = plain.append("key=").append(key).toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest;
            if (HMAC_SHA256.equals(signType)) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                digest = mac.doFinal(text);
            } else {
                digest = MessageDigest.getInstance("MD5").digest(text);
            }
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refund notification's {@code req_info}: AES-256-ECB, PKCS#7, key = lower-case hex MD5 of the APIv2 key. */
    static String reqInfo(Map<String, String> fields, String key) {
        StringBuilder xml = new StringBuilder("<root>");
        fields.forEach((k, v) -> xml.append('<')
                .append(k)
                .append("><![CDATA[")
                .append(v)
                .append("]]></")
                .append(k)
                .append('>'));
        xml.append("</root>");
        try {
            String aesKey = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8)));
            Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding"); // PKCS#5 here is PKCS#7 over 16-byte blocks
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey.getBytes(StandardCharsets.US_ASCII), "AES"));
            return Base64.getEncoder()
                    .encodeToString(cipher.doFinal(xml.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
