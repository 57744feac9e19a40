package dev.securelogout.examples;

import dev.securelogout.tck.TcpProxy;
import dev.securelogout.tck.http.StoreOutageContract;

/**
 * The outage group of the HTTP contract for an example app whose store it reaches through a {@link TcpProxy} the test
 * cuts (this module's and the Spring example's, through this module's test jar): the store is down while the proxy is.
 */
public abstract class ProxiedStoreOutage extends StoreOutageContract {

    /** The proxy in front of the store; the subclass starts it before the app. */
    protected TcpProxy proxy;

    @Override
    protected void storeDown() {
        proxy.cut();
    }

    @Override
    protected void storeUp() {
        proxy.restore();
    }
}
