package dev.securelogout.examples;

/** The HTTP surface on the in-memory store. */
class MemoryHttpSurfaceIT extends HttpSurfaceContract {

    @Override
    AppConfig config() {
        return AppConfig.inMemory();
    }
}
