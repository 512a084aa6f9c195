package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.sandbox.SandboxServer;

/** Signed-in clients for the audit tests, against a real in-process sandbox. */
final class AuditFixtures {

    private AuditFixtures() {
    }

    static OpsClient signIn(SandboxServer sandbox, String username) {
        OpsClient client = ClientFactory.standard().create(sandbox.baseUri());
        String password = sandbox.demoUsers().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow().password();
        client.sessions().signIn(username, password.toCharArray());
        return client;
    }
}
