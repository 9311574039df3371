package dev.hotpatch.operator.azure;

import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import java.util.List;

/**
 * The fleet read through Resource Graph: one query per subscription giving each VM's model
 * (properties: image, patch settings, provisioning state), what Resource Graph keeps of its
 * instance view ({@code properties.extended.instanceView}: osName, osVersion, powerState), the
 * latest patch assessment ({@code patchassessmentresources}) and the latest installation ({@code
 * patchinstallationresources}), as Azure Update Manager reads them. Ordered by id, so pages of
 * {@value #PAGE} rows follow each other.
 */
final class ResourceGraphQuery {
  private ResourceGraphQuery() {}

  /** Rows per page: Resource Graph's largest {@code $top}. */
  static final int PAGE = 1000;

  static final String FLEET =
      """
      resources
      | where type =~ 'microsoft.compute/virtualmachines'
      | extend vmKey = tolower(id)
      | join kind=leftouter (
          patchassessmentresources
          | where type =~ 'microsoft.compute/virtualmachines/patchassessmentresults'
          | project vmKey = tostring(split(tolower(id), '/patchassessmentresults/')[0]),
              assessmentId = name, assessment = properties
        ) on vmKey
      | join kind=leftouter (
          patchinstallationresources
          | where type =~ 'microsoft.compute/virtualmachines/patchinstallationresults'
          | extend vmKey = tostring(split(tolower(id), '/patchinstallationresults/')[0])
          | summarize arg_max(todatetime(properties.startDateTime), properties) by vmKey
          | project vmKey, installation = properties
        ) on vmKey
      | project id, name, location, tags, properties, assessmentId, assessment, installation
      | order by id asc
      """;

  /** The page after {@code skipToken} (null: the first) of one subscription's VMs. */
  static QueryRequest page(String subscriptionId, String skipToken) {
    return new QueryRequest()
        .withSubscriptions(List.of(subscriptionId))
        .withQuery(FLEET)
        .withOptions(
            new QueryRequestOptions()
                .withTop(PAGE)
                .withSkipToken(skipToken)
                .withResultFormat(ResultFormat.OBJECT_ARRAY));
  }
}
