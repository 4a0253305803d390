import { DiscoveredLineageEdge } from '@leak-response/plugin-leak-response-common';

/**
 * The discovered lineage that starts at declared entities, by the ARN they
 * claim, as the last successful run of each lineage provider left it. The
 * providers write it and `DiscoveredLineageProcessor` reads it when the
 * catalog processes a declared entity, so a declared entity keeps its own
 * fields and gains the discovered relations.
 *
 * It lives in the memory of the backend instance that runs the provider:
 * with several catalog replicas, run discovery where the processing runs
 * (see the README).
 */
export class DiscoveredLineageIndex {
  private readonly byProvider = new Map<
    string,
    Map<string, DiscoveredLineageEdge[]>
  >();

  /** Replaces what one provider discovered. */
  replace(
    providerName: string,
    lineage: Map<string, DiscoveredLineageEdge[]>,
  ): void {
    this.byProvider.set(providerName, lineage);
  }

  /** Every provider's discovered lineage from the entity claiming `arn`. */
  lineageOf(arn: string): DiscoveredLineageEdge[] {
    const out: DiscoveredLineageEdge[] = [];
    for (const lineage of this.byProvider.values()) {
      const edges = lineage.get(arn);
      if (edges) out.push(...edges);
    }
    return out;
  }
}
