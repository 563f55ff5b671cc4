// The QR of the signed short-lived token, drawn here from the token (the server sends no image).
// A stale one is greyed out: a checkpoint would refuse it.
//
// WeChat: a Canvas 2D (type="2d", the canvas WeChat recommends since base library 2.9.0), painted
// once the node is in the page. H5: an SVG image, which the browser draws sharp at any size.
import { Canvas, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import type { CodeQr as Qr } from '../../types/model';
import { localTime } from '../../domain/time';
import { paintQr, qrMatrix, qrSvg, svgDataUrl, type Paint2d, type QrMatrix } from '../lib/qr';
import './CodeQr.css';

const WEAPP = process.env.TARO_ENV === 'weapp';
const CANVAS_ID = 'code-qr-canvas';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): Paint2d;
}

/** Finds the canvas node after the render reached the page and paints the matrix at device pixels. */
function paintOnCanvas(matrix: QrMatrix, isLive: () => boolean): void {
  Taro.nextTick(() => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
        const hit = res?.[0];
        if (!isLive() || !hit?.node || !hit.width) return;
        const dpr = (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()).pixelRatio || 1;
        const px = Math.round(hit.width * dpr);
        hit.node.width = px;
        hit.node.height = px;
        paintQr(hit.node.getContext('2d'), matrix, px);
      });
  });
}

export function CodeQr({ qr, stale }: { qr: Qr; stale: boolean }) {
  const matrix = useMemo(() => qrMatrix(qr.token), [qr.token]);
  const src = useMemo(() => (WEAPP ? '' : svgDataUrl(qrSvg(matrix))), [matrix]);
  useEffect(() => {
    if (!WEAPP) return;
    let live = true;
    paintOnCanvas(matrix, () => live);
    return () => {
      live = false;
    };
  }, [matrix]);
  return (
    <View className={`code-qr${stale ? ' code-qr--stale' : ''}`} data-testid="code-qr">
      {WEAPP ? (
        <Canvas type="2d" id={CANVAS_ID} className="code-qr__img" />
      ) : (
        <Image className="code-qr__img" src={src} mode="aspectFit" />
      )}
      {stale ? (
        <Text className="code-qr__hint">二维码已过期，请联网后刷新</Text>
      ) : (
        <Text className="code-qr__hint">有效至 {localTime(qr.expiresAt)}（每分钟自动刷新）</Text>
      )}
    </View>
  );
}
