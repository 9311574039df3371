package dev.hotpatch.operator.azure;

import java.util.List;
import java.util.Map;

/**
 * What the operator needs to know of a resource it may have created: its tags (ownership) and what
 * it is attached to (a NIC's VM, a disk's managedBy), so nothing in use is deleted.
 *
 * @param attachedTo ID of the VM using it, or null
 * @param subnetIds a virtual network's subnets (empty for other types)
 */
public record ResourceInfo(
    String id, Map<String, String> tags, String attachedTo, List<String> subnetIds) {}
