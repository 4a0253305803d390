import {
  CompoundEntityRef,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';

/**
 * The outcome of reading one lineage reference from `spec`.
 * @public
 */
export type LineageRefResult =
  | { ok: true; ref: CompoundEntityRef }
  | { ok: false; reason: string };

/**
 * Parses a lineage reference (`trainedOn`, `fineTunedFrom`, `serves`,
 * `logsTo`). The kind defaults to `resource` and the namespace to the
 * declaring entity's, as for `dependsOn`. Anything that is not a
 * well-formed reference to a Resource is refused with the reason, because a
 * lineage edge to the wrong kind would silently break impact analysis.
 * @public
 */
export function parseLineageRef(
  value: string,
  defaultNamespace: string,
): LineageRefResult {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, { defaultKind: 'resource', defaultNamespace });
  } catch {
    return {
      ok: false,
      reason:
        'is not a valid entity reference; expected [resource:][namespace/]name',
    };
  }
  if (
    !KubernetesValidatorFunctions.isValidObjectName(ref.name) ||
    !KubernetesValidatorFunctions.isValidNamespace(ref.namespace)
  ) {
    return {
      ok: false,
      reason:
        'is not a valid entity reference: names are up to 63 letters, digits, "-", "_" or "."; expected [resource:][namespace/]name',
    };
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'resource') {
    return {
      ok: false,
      reason: `points at kind ${ref.kind}; lineage references must point at a Resource (resource:name)`,
    };
  }
  return {
    ok: true,
    ref: { kind: 'resource', namespace: ref.namespace, name: ref.name },
  };
}
