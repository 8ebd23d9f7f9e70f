/**
 * Feature dependencies: each `<folder>/feature.ts` declares the features it needs, and the
 * appliance refuses to start (before it opens the database) when features.ts lists one too early.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { features } from '../../src-appliance/features.js';
import { FeatureOrderError, checkFeatureOrder } from '../../src-appliance/feature-order.js';
import { startTestAppliance, tempDir } from '../support/appliance.js';

const srcAppliance = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src-appliance');
const byName = (name: string) => features.find((f) => f.name === name)!;

describe('feature dependencies', () => {
  it('each feature is named after its folder, and the list in features.ts is in a valid order', () => {
    for (const feature of features)
      expect(fs.existsSync(path.join(srcAppliance, feature.name, 'feature.ts'))).toBe(true);
    expect(() => checkFeatureOrder(features)).not.toThrow();
  });

  it('a feature listed before one it depends on stops the start with a message that says what to move', async () => {
    const photoFirst = [byName('photo'), ...features.filter((f) => f.name !== 'photo')];
    const dataDir = tempDir('appliance-order-');
    const start = startTestAppliance({ dataDir }, { features: photoFirst });
    await expect(start).rejects.toThrow(FeatureOrderError);
    await expect(start).rejects.toThrow(
      'Feature "photo" depends on "auth", which is listed after it: move "auth" before "photo" in src-appliance/features.ts.',
    );
    // Refused before anything was written: no database in the data directory.
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('a dependency missing from the list and a feature listed twice are refused too', () => {
    const withoutMail = features.filter((f) => f.name !== 'mail');
    expect(() => checkFeatureOrder(withoutMail)).toThrow(
      'Feature "password-reset" depends on "mail", which is not in the feature list.',
    );
    expect(() => checkFeatureOrder([...features, byName('site')])).toThrow('Feature "site" is listed twice.');
  });
});
