package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.InvalidRequestException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * APIv2's XML: one root element ({@code <xml>}) whose child elements are the fields. Read with the JDK's own StAX
 * parser closed as OWASP's XXE prevention sheet says (no DTD support, no external entities, no external DTD or schema
 * access); a document with a DOCTYPE is refused before its first field, so entity tricks (external entities,
 * parameter entities, billion laughs) never run. A repeated field, text outside the fields, more than
 * {@value #MAX_DEPTH} levels or more than the allowed bytes are refused too. CDATA, character references and the five
 * predefined entities are read as text. A field with child elements (a few answers nest lists) keeps its children as
 * their XML text.
 *
 * <p>Stateless and thread-safe: each read makes its own parser.
 */
public final class ApiV2Xml {
    /** The largest document read unless the caller says otherwise. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    static final int MAX_DEPTH = 8;
    private static final int MAX_FIELDS = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private ApiV2Xml() {}

    /**
     * The fields of a document, in document order.
     *
     * @throws MalformedXmlException when the document is refused (the reason is in the message; the content is not)
     */
    public static Map<String, String> read(byte[] xml, int maxBytes) {
        if (xml == null || xml.length == 0) {
            throw new MalformedXmlException("the XML document is empty");
        }
        if (xml.length > maxBytes) {
            throw new MalformedXmlException(
                    "the XML document is " + xml.length + " bytes, more than the " + maxBytes + " allowed");
        }
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(xml), "UTF-8");
            return fields(reader);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof MalformedXmlException m) {
                throw m;
            }
            throw new MalformedXmlException("the XML document is not well-formed: " + describe(e), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held
                }
            }
        }
    }

    /** {@link #read(byte[], int)} with {@link #DEFAULT_MAX_BYTES}. */
    public static Map<String, String> read(byte[] xml) {
        return read(xml, DEFAULT_MAX_BYTES);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's, never one found on the class path
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    private static Map<String, String> fields(XMLStreamReader r) throws XMLStreamException {
        Map<String, String> fields = new LinkedHashMap<>();
        int depth = 0;
        String field = null;
        StringBuilder value = null;
        boolean rootSeen = false;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD ->
                    throw new MalformedXmlException(
                            "the XML document has a DOCTYPE, which APIv2 documents never have: refused unread");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                    throw new MalformedXmlException(
                            "the XML document refers to an entity, which APIv2 documents never do");
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        throw new MalformedXmlException("the XML document nests deeper than " + MAX_DEPTH + " levels");
                    }
                    if (depth == 1) {
                        if (rootSeen) {
                            throw new MalformedXmlException("the XML document has more than one root element");
                        }
                        rootSeen = true;
                    } else if (depth == 2) {
                        field = r.getLocalName();
                        if (fields.containsKey(field)) {
                            throw new MalformedXmlException("the field " + field
                                    + " appears more than once; which one counts would be ambiguous, so neither does");
                        }
                        if (fields.size() >= MAX_FIELDS) {
                            throw new MalformedXmlException("the XML document has more than " + MAX_FIELDS + " fields");
                        }
                        value = new StringBuilder();
                    } else {
                        value.append('<').append(r.getLocalName()).append('>');
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth == 2) {
                        fields.put(field, value.toString());
                        field = null;
                        value = null;
                    } else if (depth > 2) {
                        value.append("</").append(r.getLocalName()).append('>');
                    }
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth >= 2) {
                        if (depth == 2) {
                            value.append(r.getText());
                        } else {
                            escape(r.getText(), value);
                        }
                    } else if (!r.isWhiteSpace()) {
                        throw new MalformedXmlException("the XML document has text outside its fields");
                    }
                }
                default -> {
                    // comments, processing instructions, the document's start and end: nothing to read
                }
            }
        }
        if (!rootSeen) {
            throw new MalformedXmlException("the XML document has no root element");
        }
        return Collections.unmodifiableMap(fields);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // the JDK's messages start with the position; keep them short and free of content
        int cut = m.indexOf('\n');
        String first = cut < 0 ? m : m.substring(0, cut);
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    /**
     * A document {@code <xml>…</xml>} with {@code fields} in their order; {@code null} values are left out. Integers
     * are written as they are, every other value in CDATA (a {@code ]]>} inside split across two sections).
     *
     * @throws InvalidRequestException when a name is not an XML name APIv2 uses, or a value holds a character XML
     *                                 cannot carry (a control character)
     */
    public static byte[] write(Map<String, String> fields) {
        StringBuilder xml = new StringBuilder(64 + fields.size() * 48);
        xml.append("<xml>");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (value == null) {
                continue;
            }
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidRequestException("'" + name + "' is not an APIv2 field name");
            }
            checkCharacters(name, value);
            xml.append('<').append(name).append('>');
            if (INTEGER.matcher(value).matches()) {
                xml.append(value);
            } else {
                xml.append("<![CDATA[")
                        .append(value.replace("]]>", "]]]]><![CDATA[>"))
                        .append("]]>");
            }
            xml.append("</").append(name).append('>');
        }
        xml.append("</xml>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkCharacters(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || Character.isSurrogate(c);
            if (!ok) {
                throw new InvalidRequestException("the value of " + name + " holds the character U+"
                        + String.format("%04X", (int) c) + ", which XML cannot carry");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new InvalidRequestException("the value of " + name + " holds a broken surrogate pair");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidRequestException("the value of " + name + " holds a broken surrogate pair");
            }
        }
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
    }
}
