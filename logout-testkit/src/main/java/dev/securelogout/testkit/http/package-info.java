/** Plain HTTP requests to a test's app, without a cookie jar (the tck's {@code TestClient} keeps one). */
package dev.securelogout.testkit.http;
