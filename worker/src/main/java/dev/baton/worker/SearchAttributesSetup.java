package dev.baton.worker;

import dev.baton.release.ReleaseSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers the search attributes baton's releases set (BatonProject, BatonVersion, BatonStep, all
 * Keyword) in a namespace, through the operator service: what {@code temporal operator
 * search-attribute create} does. Used by {@code baton setup} against a real server and by the dev
 * service at its start.
 */
public final class SearchAttributesSetup {
  public static final List<SearchAttributeKey<String>> KEYS =
      List.of(
          ReleaseSearchAttributes.PROJECT,
          ReleaseSearchAttributes.VERSION,
          ReleaseSearchAttributes.STEP);

  private SearchAttributesSetup() {}

  /**
   * Adds those the namespace lacks, leaving the others alone.
   *
   * @return one line per attribute: "BatonStep (Keyword): registered" or "... already registered"
   * @throws IllegalStateException when one exists with another type (it cannot be changed)
   */
  public static List<String> ensure(OperatorServiceStubs operator, String namespace) {
    Map<String, IndexedValueType> existing;
    try {
      existing =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      return addOneByOne(operator, namespace); // the embedded service lists none
    }
    AddSearchAttributesRequest.Builder add =
        AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
    List<String> lines = new ArrayList<>();
    for (SearchAttributeKey<String> key : KEYS) {
      IndexedValueType type = existing.get(key.getName());
      if (type == null) {
        add.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        lines.add(key.getName() + " (Keyword): registered");
      } else if (type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD) {
        lines.add(key.getName() + " (Keyword): already registered");
      } else {
        throw new IllegalStateException(
            key.getName()
                + " is registered in namespace "
                + namespace
                + " as "
                + type
                + ", not Keyword: baton cannot use it (a search attribute's type cannot change)");
      }
    }
    if (add.getSearchAttributesCount() > 0) {
      operator.blockingStub().addSearchAttributes(add.build());
    }
    return lines;
  }

  /** Without a list to read, each is added alone: ALREADY_EXISTS means it is there. */
  private static List<String> addOneByOne(OperatorServiceStubs operator, String namespace) {
    List<String> lines = new ArrayList<>();
    for (SearchAttributeKey<String> key : KEYS) {
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .build());
        lines.add(key.getName() + " (Keyword): registered");
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
        lines.add(key.getName() + " (Keyword): already registered");
      }
    }
    return lines;
  }
}
