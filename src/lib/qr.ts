// The QR of a code token, drawn by the app (the server only signs the token): the module matrix
// from the `qrcode` package's encoder core, and the two ways the code page paints it.
//
// Only the core is imported: the package's entry points pull in its PNG/terminal renderers (pngjs
// on Node). The token is ASCII (base64url and dots), handed over as bytes: the encoder would
// otherwise turn the string into bytes with TextEncoder, which not every WeChat base library has.
import { create } from 'qrcode/lib/core/qrcode';

export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** Row-major, 1 = dark. */
  dark: ArrayLike<number>;
}

/** Quiet zone around the symbol, in modules (the standard asks for 4; 2 inside the white card is what scanners read). */
export const QUIET_MODULES = 2;

export function qrMatrix(token: string): QrMatrix {
  const bytes = Array.from(token, (ch) => ch.charCodeAt(0));
  // Level M, as the checkpoint's scanners were tested with (the PNG drawn on the server used M too).
  const { modules } = create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: modules.data };
}

/** One SVG path with a unit square per dark module, in a viewBox that includes the quiet zone. */
export function qrSvg({ size, dark }: QrMatrix): string {
  const side = size + QUIET_MODULES * 2;
  let d = '';
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (dark[r * size + c]) d += `M${c + QUIET_MODULES} ${r + QUIET_MODULES}h1v1h-1z`;
  }
  // Absolute sizes: WeChat's image component does not take percentages in an SVG.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${side * 8}" height="${side * 8}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** The drawing calls of a 2D canvas the matrix needs (WeChat's Canvas 2D and the browser's). */
export interface Paint2d {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** Paints the matrix, quiet zone included, on a square of `px` canvas pixels. */
export function paintQr(ctx: Paint2d, { size, dark }: QrMatrix, px: number): void {
  const side = size + QUIET_MODULES * 2;
  // Whole pixels per module, centred: fractional modules blur into grey seams scanners misread.
  const unit = Math.max(1, Math.floor(px / side));
  const offset = Math.floor((px - unit * side) / 2) + QUIET_MODULES * unit;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, px, px);
  ctx.fillStyle = '#000';
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (dark[r * size + c]) ctx.fillRect(offset + c * unit, offset + r * unit, unit, unit);
  }
}
