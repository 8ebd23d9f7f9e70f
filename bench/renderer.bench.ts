/**
 * Renderer benchmark:
 *   1. initial JavaScript of the built renderer, gzipped: the entry script plus the chunks
 *      index.html preloads (what the login screen needs before it can paint). Goal ≤ 150 KiB.
 *   2. first contentful paint of the login screen in headless Chromium, served by the real
 *      appliance at /console/, as a ratio to a blank Vite + React page built and served the same
 *      way in the same run. The login screen paints nothing until the site and the session check
 *      have answered, so its first contentful paint is the login form. Goal ≤ 1.5.
 * Each load uses a fresh browser context (cold cache); the two pages alternate; medians are used.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Browser } from 'playwright-core';
import { type BenchResult } from './lib/result.js';
import { buildRenderer, launchChromium, startApplianceWithConsole } from '../test/e2e/support/browser.js';
import { productionBuild } from '../test/support/production-build.js';
import { startTestAppliance } from '../test/support/appliance.js';
import { webConsole } from '../src-appliance/web-console/feature.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 41;

/** Sizes of the scripts index.html loads before anything runs (entry + modulepreload). */
function initialScripts(dir: string): { file: string; raw: number; gzip: number }[] {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(refs)].map((ref) => {
    const bytes = fs.readFileSync(path.join(dir, ref));
    return { file: path.basename(ref), raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
}

/** The baseline: the smallest Vite + React page that paints text, built with the same Vite setup. */
async function buildBlankPage(): Promise<string> {
  const root = path.join(repo, '.tmp', `bench-blank-${process.pid}`);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Blank</title></head><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  fs.writeFileSync(
    path.join(root, 'main.tsx'),
    "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<StrictMode><main id=\"blank\">Blank page</main></StrictMode>);\n",
  );
  const outDir = path.join(root, 'dist');
  await productionBuild({
    root,
    base: './',
    configFile: false,
    plugins: [react()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false } },
  });
  return outDir;
}

/**
 * Waits for the paint through the DevTools protocol's lifecycle events, and only then touches the
 * page. Playwright's locator script (about 8 ms of evaluation on the page's main thread) used to be
 * injected right after `load`, which is exactly while the login screen renders: it delayed the
 * login paint and not the blank page's, which has painted by then (seen in Chromium traces).
 */
async function firstContentfulPaint(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true });
  const painted = new Promise<void>((resolve) =>
    cdp.on('Page.lifecycleEvent', (e) => {
      if (e.name === 'firstContentfulPaint') resolve();
    }),
  );
  await page.goto(url, { waitUntil: 'commit' });
  await painted;
  // The page paints nothing before its form (the login screen renders null until it knows the
  // site and the session), so the first contentful paint is the form's; check it is there.
  await page.locator(selector).waitFor();
  // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
  const fcp = await page.evaluate<number>(
    `performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint').startTime`,
  );
  await context.close();
  return fcp;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kib = (n: number) => Math.round((n / 1024) * 10) / 10;

export default async function rendererBench(): Promise<BenchResult> {
  const rendererDir = await buildRenderer();
  const blankDir = await buildBlankPage();
  const scripts = initialScripts(rendererDir);
  const blankScripts = initialScripts(blankDir);
  const initialGzip = scripts.reduce((s, x) => s + x.gzip, 0);

  const appliance = await startApplianceWithConsole(rendererDir);
  const blankServer = await startTestAppliance(
    {},
    { features: [{ name: 'web-console', dependencies: [], register: webConsole({ root: blankDir }) }] },
  );
  const browser = await launchChromium();
  const login: number[] = [];
  const blank: number[] = [];
  try {
    // One warm-up of each (process start-up, disk cache of the server), not counted.
    await firstContentfulPaint(browser, `${appliance.url}/console/`, '#login-form');
    await firstContentfulPaint(browser, `${blankServer.url}/console/`, '#blank');
    for (let i = 0; i < RUNS; i++) {
      login.push(await firstContentfulPaint(browser, `${appliance.url}/console/`, '#login-form'));
      blank.push(await firstContentfulPaint(browser, `${blankServer.url}/console/`, '#blank'));
    }
  } finally {
    await browser.close();
    await appliance.close();
    await blankServer.close();
    fs.rmSync(path.dirname(blankDir), { recursive: true, force: true });
  }
  if (process.env.BENCH_VERBOSE) console.log({ login, blank });
  const ratio = Math.round((median(login) / median(blank)) * 100) / 100;
  return {
    rows: [
      ...scripts.map((s) => ({
        measure: `initial JS: ${s.file}`,
        value: `${kib(s.raw)} KiB raw, ${kib(s.gzip)} KiB gzip`,
      })),
      { measure: 'initial JS total (gzip)', value: `${kib(initialGzip)} KiB` },
      {
        measure: 'blank Vite + React page JS (gzip)',
        value: `${kib(blankScripts.reduce((s, x) => s + x.gzip, 0))} KiB`,
      },
      {
        measure: `login screen first contentful paint (median of ${RUNS}, cold)`,
        value: `${median(login).toFixed(1)} ms`,
      },
      {
        measure: `blank page first contentful paint (median of ${RUNS}, cold)`,
        value: `${median(blank).toFixed(1)} ms`,
      },
      { measure: 'paint ratio login / blank', value: ratio },
    ],
    goals: [
      {
        name: 'initial JavaScript gzipped (KiB)',
        value: kib(initialGzip),
        target: '≤ 150',
        met: initialGzip <= 150 * 1024,
      },
      { name: 'login first paint / blank Vite+React page', value: ratio, target: '≤ 1.5', met: ratio <= 1.5 },
    ],
  };
}
