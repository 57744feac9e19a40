package dev.securelogout.jdbc;

class H2StoreBehaviourTest extends JdbcStoreBehaviour {

    H2StoreBehaviourTest() {
        super(TestDatabase.H2);
    }
}
