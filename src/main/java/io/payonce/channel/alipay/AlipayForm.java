package io.payonce.channel.alipay;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses an application/x-www-form-urlencoded body exactly: '+' is a space, %XX are bytes, and
 * the bytes must be valid UTF-8. A field given twice, a broken escape or bad UTF-8 is refused
 * rather than guessed at, because the signature is checked over the decoded values.
 */
final class AlipayForm {
    private AlipayForm() {}

    /** @throws IllegalArgumentException naming what is wrong. */
    static Map<String, String> parse(String body) {
        if (body == null || body.isBlank()) throw new IllegalArgumentException("empty body");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name.isEmpty()) throw new IllegalArgumentException("a field without a name");
            if (fields.putIfAbsent(name, value) != null) throw new IllegalArgumentException("field " + name + " appears twice");
        }
        return fields;
    }

    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) throw new IllegalArgumentException("a broken %-escape");
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) throw new IllegalArgumentException("a broken %-escape");
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else { // not allowed by the format, but unambiguous: keep it as sent
                int codePoint = text.codePointAt(i);
                byte[] raw = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a value that is not UTF-8");
        }
    }
}
