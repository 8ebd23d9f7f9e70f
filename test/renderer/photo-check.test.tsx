import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import sharp from 'sharp';
import { checkPhoto, readImageHeader } from '../../src-renderer/lib/photo-check.js';
import { PhotoSection } from '../../src-renderer/components/account/sections/PhotoSection.js';
import { usePhotoStore } from '../../src-renderer/stores/photo-store.js';
import { renderWithHost } from './support/render.js';

const image = (w: number, h: number, format: 'png' | 'jpeg', progressive = false) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .toFormat(format, format === 'jpeg' ? { progressive } : {})
    .toBuffer()
    .then((b) => new Uint8Array(b));

afterEach(() => {
  cleanup();
  usePhotoStore.setState({ pending: null, problem: null });
});

describe('photo pre-checks (bytes, not names)', () => {
  it('reads type and size from real PNG and JPEG files (baseline and progressive)', async () => {
    expect(readImageHeader(await image(120, 90, 'png'))).toEqual({ contentType: 'image/png', width: 120, height: 90 });
    expect(readImageHeader(await image(300, 200, 'jpeg'))).toEqual({
      contentType: 'image/jpeg',
      width: 300,
      height: 200,
    });
    expect(readImageHeader(await image(81, 640, 'jpeg', true))).toEqual({
      contentType: 'image/jpeg',
      width: 81,
      height: 640,
    });
  });

  it('accepts exactly 80×80 and refuses 79×80 and 80×79', async () => {
    expect(checkPhoto(await image(80, 80, 'png'))).toMatchObject({ ok: true });
    expect(checkPhoto(await image(79, 80, 'png'))).toEqual({ ok: false, problem: 'too_small' });
    expect(checkPhoto(await image(80, 79, 'jpeg'))).toEqual({ ok: false, problem: 'too_small' });
  });

  it('refuses GIF, SVG and WebP by content, and truncated files as corrupt', async () => {
    const gif = new TextEncoder().encode('GIF89a\x50\x00\x50\x00');
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"/>');
    const webp = new Uint8Array(
      await sharp({ create: { width: 100, height: 100, channels: 3, background: '#fff' } })
        .webp()
        .toBuffer(),
    );
    for (const bytes of [gif, svg, webp]) expect(checkPhoto(bytes)).toEqual({ ok: false, problem: 'unsupported_type' });
    const png = await image(100, 100, 'png');
    expect(checkPhoto(png.slice(0, 20))).toEqual({ ok: false, problem: 'corrupt' });
    const jpeg = await image(100, 100, 'jpeg');
    expect(checkPhoto(jpeg.slice(0, 30))).toEqual({ ok: false, problem: 'corrupt' });
  });

  it('refuses more than 1 MiB before looking at the content; 1 MiB exactly passes the size rule', async () => {
    const png = await image(100, 100, 'png');
    const exact = new Uint8Array(1024 * 1024);
    exact.set(png);
    expect(checkPhoto(exact)).toMatchObject({ ok: true });
    const over = new Uint8Array(1024 * 1024 + 1);
    over.set(png);
    expect(checkPhoto(over)).toEqual({ ok: false, problem: 'too_large' });
  });
});

describe('photo section', () => {
  const choose = (input: HTMLElement, file: File) => fireEvent.change(input, { target: { files: [file] } });

  it('shows the rule broken by a 1.5 MiB file, tied to the input, and never uploads it', async () => {
    const { host } = renderWithHost(<PhotoSection />);
    const input = screen.getByLabelText('Choose file');
    choose(input, new File([new Uint8Array(1.5 * 1024 * 1024)], 'big.png', { type: 'image/png' }));
    const problem = await screen.findByText('This file is larger than 1 MB. Choose a smaller image.');
    expect(input.getAttribute('aria-describedby')).toContain(problem.id);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Upload' })).toBeNull();
    expect(host.calls.filter((c) => c.method === 'uploadPhoto')).toHaveLength(0);
  });

  it('a PNG named .jpg is previewed and uploaded as image/png; Cancel drops it', async () => {
    const { host } = renderWithHost(<PhotoSection />);
    const input = screen.getByLabelText('Choose file');
    const png = await image(160, 120, 'png');
    choose(input, new File([png], 'me.jpg', { type: 'image/jpeg' }));
    await screen.findByText(/Chosen: me\.jpg \(160 × 120 pixels/);
    expect(screen.getByAltText('Preview of the chosen photo')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByAltText('Preview of the chosen photo')).toBeNull();

    choose(input, new File([png], 'me.jpg', { type: 'image/jpeg' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Upload' }));
    await screen.findByText('Your photo was uploaded.');
    const upload = host.calls.find((c) => c.method === 'uploadPhoto')!.arg as {
      content_type: string;
      bytes: Uint8Array;
    };
    expect(upload.content_type).toBe('image/png');
    expect(upload.bytes.byteLength).toBe(png.byteLength);
    await waitFor(() => expect(screen.getByAltText('Your current photo')).toBeTruthy());
  });
});
