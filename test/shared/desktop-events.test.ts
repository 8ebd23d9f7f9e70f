/** Which events may reach a console window, and from where. */
import { describe, expect, it } from 'vitest';
import { parseLiveEvent } from '../../src-shared/api/events.js';
import { isConsoleEvent } from '../../src-shared/desktop-events.js';

const update = { type: 'update.status', data: { phase: 'ready', version: '9.9.9', choice: 'pending' } };

describe('console events', () => {
  it("main's own events pass the preload's check; the appliance's socket cannot send them", () => {
    expect(isConsoleEvent(update)).toBe(true);
    expect(isConsoleEvent({ type: 'download.progress', data: { id: 'console-win', progress: {} } })).toBe(true);
    // What main accepts from the appliance's socket: its live events only.
    expect(parseLiveEvent(JSON.stringify(update))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: 'site.updated', data: { site: {} } }))).not.toBeNull();
  });

  it('anything else is dropped', () => {
    for (const bad of [
      null,
      'update.status',
      { type: 'update.status' },
      { type: 'update.status', data: null },
      { type: 'x', data: {} },
    ])
      expect(isConsoleEvent(bad), JSON.stringify(bad)).toBe(false);
  });
});
