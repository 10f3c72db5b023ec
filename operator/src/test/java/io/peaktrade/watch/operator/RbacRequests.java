package io.peaktrade.watch.operator;

import io.peaktrade.watch.operator.runtime.OperatorPermissions;
import java.util.ArrayList;
import java.util.List;

/** Reads recorded API requests as the RBAC permissions they need. */
public final class RbacRequests {

  private RbacRequests() {}

  /** What one request needs; prints as "group resource verb" (the core group is ""). */
  public record Permission(String group, String resource, String verb) {
    boolean allowed() {
      return OperatorPermissions.allows(group, resource, verb);
    }

    @Override
    public String toString() {
      return group + " " + resource + " " + verb;
    }
  }

  /**
   * The recorded requests that need an RBAC rule: all but self-subject rules reviews, which any
   * authenticated subject may make.
   */
  public static List<String> needingPermission(List<String> requests) {
    return requests.stream().filter(r -> !r.contains("selfsubjectrulesreviews")).toList();
  }

  /** What one recorded request such as "PATCH /apis/apps/v1/namespaces/a/deployments/x" needs. */
  public static Permission permission(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String url = request.substring(request.indexOf(' ') + 1);
    String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
    String[] parts =
        (url.contains("?") ? url.substring(0, url.indexOf('?')) : url).substring(1).split("/");
    int i;
    String group;
    if (parts[0].equals("api")) {
      group = "";
      i = 2;
    } else {
      group = parts[1];
      i = 3;
    }
    if (i < parts.length && parts[i].equals("namespaces") && i + 2 < parts.length) {
      i += 2;
    }
    String resource = parts[i];
    boolean named = i + 1 < parts.length;
    if (i + 2 < parts.length) {
      resource = resource + "/" + parts[i + 2];
    }
    String verb =
        switch (method) {
          case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> "delete";
          default -> method.toLowerCase();
        };
    return new Permission(group, resource, verb);
  }

  /**
   * The requests (as "METHOD /path -> the permission it needs") that the operator's permission
   * list, and so the chart's RBAC generated from it, does not allow.
   */
  public static List<String> notAllowed(List<String> requests) {
    List<String> refused = new ArrayList<>();
    for (String r : needingPermission(requests)) {
      Permission p = permission(r);
      if (!p.allowed()) {
        refused.add(r + " -> " + p);
      }
    }
    return refused;
  }
}
