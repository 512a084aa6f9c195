package dev.opsdesk.client.model;

/** The permission names of the ops API (see {@code Permission} in ops-api.yaml). */
public final class Permissions {

    public static final String FAILURES_READ = "failures.read";
    public static final String FAILURES_REPLAY = "failures.replay";
    public static final String FAILURES_RESOLVE = "failures.resolve";
    public static final String INVENTORY_READ = "inventory.read";
    public static final String INVENTORY_RESYNC = "inventory.resync";
    public static final String INVENTORY_ADJUST = "inventory.adjust";
    public static final String STOCKCOUNT_SUBMIT = "stockcount.submit";
    public static final String AUDIT_READ = "audit.read";
    public static final String AUDIT_EXPORT = "audit.export";
    public static final String RECON_READ = "recon.read";
    public static final String RECON_PREPARE = "recon.prepare";
    public static final String RECON_APPROVE = "recon.approve";
    public static final String EXPORT = "export";
    public static final String USERS_READ = "users.read";
    public static final String USERS_MANAGE = "users.manage";

    private Permissions() {
    }
}
