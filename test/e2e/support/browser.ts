/**
 * Real Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core
 * (never a downloaded browser), the renderer built by Vite into a temp folder, and a real
 * appliance serving it at /console/ with its CSP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestAppliance, tempDir, type TestAppliance } from '../../support/appliance.js';
import { features } from '../../../src-appliance/features.js';
import * as webConsoleFeature from '../../../src-appliance/web-console/feature.js';
import { type ApplianceConfig } from '../../../src-appliance/config.js';
import { productionBuild } from '../../support/production-build.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const OUTPUT_DIR = path.join(repo, 'test-output', 'e2e');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * `vite build` of src-renderer into a fresh folder (not out/renderer, which other builds may be
 * writing). Vitest sets NODE_ENV=test, which Vite and the React plugin would bake in (React's
 * development build and JSX runtime, half again as large); the tests drive what ships, so the
 * build runs with NODE_ENV=production.
 */
export async function buildRenderer(outDir = tempDir('renderer-build-')): Promise<string> {
  await productionBuild({
    configFile: path.join(repo, 'src-renderer/vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  return outDir;
}

/** A real appliance whose web console serves the given build. */
export function startApplianceWithConsole(
  rendererDir: string,
  overrides: Partial<ApplianceConfig> = {},
): Promise<TestAppliance> {
  const withBuild = features.map((f) =>
    f === webConsoleFeature
      ? { ...webConsoleFeature, register: webConsoleFeature.webConsole({ root: rendererDir }) }
      : f,
  );
  return startTestAppliance(overrides, { features: withBuild });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (evaluated over the DevTools protocol, so the page's CSP stays on) and
 * returns the serious and critical violations.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  // From the top: a full-page capture of a scrolled page draws the sticky header mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}
