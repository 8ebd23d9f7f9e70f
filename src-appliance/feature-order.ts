/**
 * What a feature is (each `<folder>/feature.ts` module is one) and the start-time check that
 * every feature comes after the features it depends on, so a wrong order in features.ts stops the
 * appliance with a message that says what to move instead of failing later on a request.
 */
import { type ApplianceApp } from './http/app-type.js';
import { type ApplianceContext } from './context.js';

export interface Feature {
  /** The feature's folder name. */
  readonly name: string;
  /** Features that must be registered before this one (they set up what it uses). */
  readonly dependencies: readonly string[];
  register(app: ApplianceApp, ctx: ApplianceContext): void | Promise<void>;
}

export class FeatureOrderError extends Error {
  override name = 'FeatureOrderError';
}

/** Throws FeatureOrderError on a feature listed twice or before one of its dependencies. */
export function checkFeatureOrder(features: readonly Feature[]): void {
  const registered = new Set<string>();
  for (const feature of features) {
    if (registered.has(feature.name)) throw new FeatureOrderError(`Feature "${feature.name}" is listed twice.`);
    for (const dependency of feature.dependencies) {
      if (registered.has(dependency)) continue;
      throw new FeatureOrderError(
        features.some((f) => f.name === dependency)
          ? `Feature "${feature.name}" depends on "${dependency}", which is listed after it: move "${dependency}" before "${feature.name}" in src-appliance/features.ts.`
          : `Feature "${feature.name}" depends on "${dependency}", which is not in the feature list.`,
      );
    }
    registered.add(feature.name);
  }
}
