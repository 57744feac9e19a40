package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void stringsAreEscapedToStayOneStringEvenInsideHtml() {
        assertEquals("\"plain\"", Json.string("plain"));
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\"", Json.string("a\"b\\c\n\r\t"));
        assertEquals("\"\\u003c/script\\u003e\\u0026\\u0000\\u001f\\u007f\\u2028\\u2029\"",
                Json.string("</script>&\u0000\u001f\u007f\u2028\u2029"));
        assertEquals("\"Fran\u00e7ois\"", Json.string("Fran\u00e7ois"));
        assertEquals("\"\\ud83d\\ude00\"", Json.string("\ud83d\ude00"));
    }
}
