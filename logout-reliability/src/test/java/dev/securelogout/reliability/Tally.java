package dev.securelogout.reliability;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures a reliability run is judged by, counted by every test of this module and summed for
 * the run: requests sent, faults injected, hostile inputs tried, revoked credentials accepted (must
 * stay 0), unexpected 5xx answers (must stay 0: every 5xx except the designed fail-closed 503 while
 * a store is down), and those fail-closed 503s. Thread-safe.
 */
final class Tally {

    /** The sum over every test of the run, printed by {@link SummaryListener}. */
    static final Tally RUN = new Tally(null);

    final AtomicLong requests = new AtomicLong();
    final AtomicLong faults = new AtomicLong();
    final AtomicLong hostileInputs = new AtomicLong();
    final AtomicLong revokedAccepted = new AtomicLong();
    final AtomicLong unexpected5xx = new AtomicLong();
    final AtomicLong failClosed503 = new AtomicLong();
    private final Tally parent;

    private Tally(Tally parent) {
        this.parent = parent;
    }

    /** A tally for one test that also counts into {@link #RUN}. */
    static Tally forTest() {
        return new Tally(RUN);
    }

    void request() {
        add(t -> t.requests);
    }

    void fault() {
        add(t -> t.faults);
    }

    void hostileInput() {
        add(t -> t.hostileInputs);
    }

    void revokedAccepted() {
        add(t -> t.revokedAccepted);
    }

    void unexpected5xx() {
        add(t -> t.unexpected5xx);
    }

    void failClosed503() {
        add(t -> t.failClosed503);
    }

    private void add(java.util.function.Function<Tally, AtomicLong> counter) {
        counter.apply(this).incrementAndGet();
        if (parent != null) {
            counter.apply(parent).incrementAndGet();
        }
    }

    /** One greppable line: {@code RELIABILITY <label>: requests=… faults=… …}. */
    String summary(String label) {
        return "RELIABILITY " + label + ": requests=" + requests + " faults=" + faults + " hostileInputs=" + hostileInputs
                + " revokedAccepted=" + revokedAccepted + " unexpected5xx=" + unexpected5xx
                + " failClosed503=" + failClosed503;
    }

    /** Prints {@link #summary} to standard out, where failsafe shows it. */
    void print(String label) {
        System.out.println(summary(label));
    }
}
