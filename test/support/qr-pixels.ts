// What a camera would read off a QR the app painted: black rectangles on white, rasterised to RGBA
// and decoded with jsQR (the decoder the checkpoint page uses).
import jsQR from 'jsqr';

export type Rect = [x: number, y: number, w: number, h: number];

/** The text of the QR the dark `rects` draw on a white square `px` wide, or null if none reads. */
export function decodeRects(px: number, rects: Rect[]): string | null {
  const rgba = new Uint8ClampedArray(px * px * 4).fill(255);
  for (const [x, y, w, h] of rects) {
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) rgba.fill(0, (j * px + i) * 4, (j * px + i) * 4 + 3);
  }
  return jsQR(rgba, px, px)?.data ?? null;
}

/** A stand-in for a 2D canvas context: records the black rectangles painted on it. */
export function recordingContext(): { ctx: { fillStyle: unknown; fillRect: (x: number, y: number, w: number, h: number) => void }; dark: Rect[]; all: Rect[] } {
  const dark: Rect[] = [];
  const all: Rect[] = [];
  const ctx = {
    fillStyle: '' as unknown,
    fillRect(x: number, y: number, w: number, h: number) {
      all.push([x, y, w, h]);
      if (ctx.fillStyle === '#000') dark.push([x, y, w, h]);
    },
  };
  return { ctx, dark, all };
}
