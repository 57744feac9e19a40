package dev.securelogout.jdbc;

class MariaDbStoreBehaviourIT extends JdbcStoreBehaviour {

    MariaDbStoreBehaviourIT() {
        super(TestDatabase.MARIADB);
    }
}
