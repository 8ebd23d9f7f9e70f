import { describe, expect, it } from 'vitest';
import { csrfHeaders, readCookie } from '../../src-renderer/host/cookies.js';
import { eventsUrl } from '../../src-renderer/host/event-socket.js';
import { detectPlatform } from '../../src-renderer/lib/detect-os.js';

describe('web host helpers', () => {
  it('echoes the readable csrf_token cookie only on unsafe methods', () => {
    const cookies = 'theme=dark; csrf_token=abc%2Bdef; other=1';
    expect(readCookie('csrf_token', cookies)).toBe('abc+def');
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(csrfHeaders(m, cookies)).toEqual({ 'x-csrf-token': 'abc+def' });
    for (const m of ['GET', 'HEAD']) expect(csrfHeaders(m, cookies)).toEqual({});
    expect(csrfHeaders('POST', 'theme=dark')).toEqual({});
  });
  it('connects events next to the page, wss on https', () => {
    expect(eventsUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/events');
    expect(eventsUrl({ protocol: 'https:', host: 'support.example.com' })).toBe('wss://support.example.com/api/events');
  });
  it('detects the platform for the download dropdown', () => {
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' })).toBe('windows');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' })).toBe('macos');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('linux');
    expect(detectPlatform({ userAgent: 'x', userAgentData: { platform: 'Windows' } })).toBe('windows');
  });
});
