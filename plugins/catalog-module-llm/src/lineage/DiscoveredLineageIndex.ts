import {
  DataCategorySuggestion,
  DiscoveredLineageEdge,
} from '@leak-response/plugin-leak-response-common';

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
  private readonly suggestionsByProvider = new Map<
    string,
    Map<string, DataCategorySuggestion[]>
  >();

  /** Replaces what one provider discovered. */
  replace(
    providerName: string,
    lineage: Map<string, DiscoveredLineageEdge[]>,
    suggestions: Map<string, DataCategorySuggestion[]> = new Map(),
  ): void {
    this.byProvider.set(providerName, lineage);
    this.suggestionsByProvider.set(providerName, suggestions);
  }

  /** Every provider's data-category suggestions for the entity claiming `arn`. */
  suggestionsOf(arn: string): DataCategorySuggestion[] {
    const out: DataCategorySuggestion[] = [];
    for (const suggestions of this.suggestionsByProvider.values()) {
      const found = suggestions.get(arn);
      if (found) out.push(...found);
    }
    return out;
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
