package dev.securelogout.jdbc;

class PostgresSessionStoreContractIT extends JdbcSessionStoreContract {

    PostgresSessionStoreContractIT() {
        super(TestDatabase.POSTGRESQL);
    }
}
