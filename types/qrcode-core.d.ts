// The encoder core of `qrcode` (lib/core/qrcode.js), which @types/qrcode does not describe as its
// own module: the app imports it alone to build the matrix without the package's renderers.
declare module 'qrcode/lib/core/qrcode' {
  export interface QrSegment {
    data: string | ArrayLike<number>;
    mode: 'byte' | 'numeric' | 'alphanumeric' | 'kanji';
  }
  export function create(
    data: string | QrSegment[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number; maskPattern?: number },
  ): { modules: { size: number; data: Uint8Array }; version: number };
}
