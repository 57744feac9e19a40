package dev.securelogout.jdbc;

class H2SessionStoreContractTest extends JdbcSessionStoreContract {

    H2SessionStoreContractTest() {
        super(TestDatabase.H2);
    }
}
