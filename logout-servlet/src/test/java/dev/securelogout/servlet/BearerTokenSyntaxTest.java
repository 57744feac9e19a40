package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BearerTokenSyntaxTest {

    @ParameterizedTest(name = "[{0}] is a b64token: {1}")
    @CsvSource(delimiter = '|', value = {
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln|true",
        "AZaz09-._~+/|true",
        "abc=|true",
        "abc==|true",
        "a|true",
        "''|false",
        "=|false",
        "==abc|false",
        "abc=d|false",
        "abc def|false",
        "abc,def|false",
        "abc\"|false",
        "abc%41|false",
        "ab\u00e9|false",
        "ab\u0000c|false"})
    void b64token(String value, boolean expected) {
        assertEquals(expected, Requests.isB64Token(value));
    }
}
