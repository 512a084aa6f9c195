package dev.opsdesk.client.model;

import java.util.List;

/**
 * Limits a permission. A null property means "not limited in that dimension".
 *
 * @param queues      failure queues the permission applies to
 * @param warehouses  warehouse codes the permission applies to
 * @param audit       {@code ORDERS} or {@code OWN}: which audit events are visible
 * @param reconKinds  reconciliation kinds the permission applies to
 * @param notOwn      true when the permission never applies to the user's own records
 */
public record Scope(List<String> queues, List<String> warehouses, String audit,
                    List<String> reconKinds, Boolean notOwn) {

    public Scope {
        queues = queues == null ? null : List.copyOf(queues);
        warehouses = warehouses == null ? null : List.copyOf(warehouses);
        reconKinds = reconKinds == null ? null : List.copyOf(reconKinds);
    }
}
