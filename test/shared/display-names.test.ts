import { describe, expect, it } from 'vitest';
import { applyDisplayNameChange, checkDisplayName, displayNamesSynced } from '../../src-shared/display-names.js';

describe('display names (seed: synced by default)', () => {
  const synced = { private_display_name: 'Ann', public_display_name: 'Ann' };

  it('while synced, changing the private name changes the public one', () => {
    expect(applyDisplayNameChange(synced, { private_display_name: 'Anna' })).toEqual({
      private_display_name: 'Anna',
      public_display_name: 'Anna',
    });
  });
  it('a different public name unsyncs; the private name then changes alone', () => {
    const unsynced = applyDisplayNameChange(synced, { public_display_name: 'Support Ann' });
    expect(displayNamesSynced(unsynced)).toBe(false);
    expect(applyDisplayNameChange(unsynced, { private_display_name: 'Anna' })).toEqual({
      private_display_name: 'Anna',
      public_display_name: 'Support Ann',
    });
  });
  it('making them equal again re-syncs', () => {
    const unsynced = { private_display_name: 'Ann', public_display_name: 'Support Ann' };
    const equal = applyDisplayNameChange(unsynced, { public_display_name: 'Ann' });
    expect(displayNamesSynced(equal)).toBe(true);
    expect(applyDisplayNameChange(equal, { private_display_name: 'Bo' }).public_display_name).toBe('Bo');
  });
  it('trims, and refuses empty, over-long and control-character names', () => {
    expect(checkDisplayName('  Ann  ')).toEqual({ value: 'Ann', problem: null });
    expect(checkDisplayName('   ').problem).toBe('empty');
    expect(checkDisplayName('x'.repeat(65)).problem).toBe('too_long');
    expect(checkDisplayName('😀'.repeat(64)).problem).toBe(null);
    expect(checkDisplayName('a\u0007b').problem).toBe('control_characters');
    expect(checkDisplayName('a\u202Eb').problem).toBe('control_characters');
    expect(checkDisplayName('مرحبا').problem).toBe(null);
  });
});
