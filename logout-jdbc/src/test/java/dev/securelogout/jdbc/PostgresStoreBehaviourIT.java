package dev.securelogout.jdbc;

class PostgresStoreBehaviourIT extends JdbcStoreBehaviour {

    PostgresStoreBehaviourIT() {
        super(TestDatabase.POSTGRESQL);
    }
}
