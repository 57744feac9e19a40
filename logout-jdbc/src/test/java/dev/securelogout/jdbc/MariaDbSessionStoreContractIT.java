package dev.securelogout.jdbc;

class MariaDbSessionStoreContractIT extends JdbcSessionStoreContract {

    MariaDbSessionStoreContractIT() {
        super(TestDatabase.MARIADB);
    }
}
