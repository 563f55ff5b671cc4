// The code page draws the QR from the token itself (the server sends no image): what it draws must
// scan back to the very token, as a checkpoint's camera reads it. Decoded here with jsQR, the
// decoder the checkpoint page uses, from pixels rasterised out of what each platform paints.
import { render, screen } from '@testing-library/react';
import { CodeQr } from '../../src/components/CodeQr';
import { paintQr, qrMatrix } from '../../src/lib/qr';
import { signToken } from '../../domain/token';
import { decodeRects, recordingContext, type Rect } from '../support/qr-pixels';

const token = signToken('p_0123456789abcdef0123456789abcdef', 'yellow', new Date('2022-04-09T02:30:00Z'), 'x'.repeat(32)).token;
const qr = { token, expiresAt: '2022-04-09T02:32:00.000Z' };

it('H5: the image is an SVG of the token that decodes back to it', () => {
  render(<CodeQr qr={qr} stale={false} />);
  const img = screen.getByTestId('code-qr').querySelector('img')!;
  expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
  const svg = decodeURIComponent(img.getAttribute('src')!.split(',')[1]!);
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const scale = 4;
  const rects = [...svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m): Rect => [Number(m[1]) * scale, Number(m[2]) * scale, scale, scale]);
  expect(decodeRects(side * scale, rects)).toBe(token);
});

it('WeChat: painting the matrix on a 2D canvas gives a QR that decodes back to the token', () => {
  const px = 300; // a canvas of 150 CSS px at a pixel ratio of 2
  const { ctx, dark, all } = recordingContext();
  paintQr(ctx, qrMatrix(token), px);
  expect(decodeRects(px, dark)).toBe(token);
  // Whole pixels per module: no seams between modules for a scanner to misread.
  expect(all.every((r) => r.every(Number.isInteger))).toBe(true);
});

it('a 154-character token, as the checkpoint e2e pastes, fits the symbol at level M', () => {
  expect(token.length).toBeGreaterThanOrEqual(140);
  const { size } = qrMatrix(token);
  // Version 9 (53 modules) holds 180 bytes at M: room for the token with no denser symbol.
  expect(size).toBeLessThanOrEqual(53);
});
