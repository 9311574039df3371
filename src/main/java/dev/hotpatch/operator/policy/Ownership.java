package dev.hotpatch.operator.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and tags of what the operator creates for a HotpatchVM. Names are deterministic so a
 * restarted operator finds a create it started; the owner tag is the only proof of ownership that
 * deletion accepts.
 */
public final class Ownership {
  public static final String OWNER_TAG = "hotpatch.dev/owner";
  public static final String CREATED_BY_TAG = "hotpatch.dev/created-by";
  public static final String CREATED_BY = "hotpatch-operator";

  private Ownership() {}

  /** "namespace/name" of the HotpatchVM, the owner tag's value. */
  public static String owner(String namespace, String name) {
    return namespace + "/" + name;
  }

  public static String nicName(String vm) {
    return vm + "-nic";
  }

  public static String osDiskName(String vm) {
    return vm + "-osdisk";
  }

  /** The virtual network to create: the template's name, else "<vm>-vnet". */
  public static String vnetName(String vm, String declared) {
    return declared == null || declared.isBlank() ? vm + "-vnet" : declared;
  }

  /** The user's tags plus ours; ours win, so a template cannot forge another owner. */
  public static Map<String, String> tags(String owner, Map<String, String> userTags) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (userTags != null) {
      tags.putAll(userTags);
    }
    tags.put(OWNER_TAG, owner);
    tags.put(CREATED_BY_TAG, CREATED_BY);
    return tags;
  }

  /** True only when the resource carries this exact owner tag. */
  public static boolean ownedBy(Map<String, String> tags, String owner) {
    return tags != null && owner.equals(tags.get(OWNER_TAG));
  }
}
