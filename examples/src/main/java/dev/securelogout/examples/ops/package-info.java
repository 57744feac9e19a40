/**
 * The operator's endpoints: {@code GET /metrics} (Prometheus text) and {@code GET /health}
 * (the engine's health as JSON, 503 when a store is down). Like the rest of the demo they listen
 * on 127.0.0.1 only; a deployment puts them behind its own network rule or authentication.
 */
package dev.securelogout.examples.ops;
