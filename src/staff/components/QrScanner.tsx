// Scanning a health code. WeChat: its own scanner (Taro.scanCode). Browser (H5): the rear camera
// through getUserMedia, each frame decoded with jsQR (loaded only when the camera opens, so the
// checkpoint page itself stays light); a photo of the code works where the camera cannot be opened
// (plain-HTTP pages have no camera access in browsers).
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import './QrScanner.css';

type Decode = (data: Uint8ClampedArray, width: number, height: number) => string | null;

let decoder: Promise<Decode> | null = null;
/** jsQR, loaded once on first use; the weapp build never sees the import (a constant branch). */
function loadDecoder(): Promise<Decode> {
  if (process.env.TARO_ENV === 'h5') {
    decoder ??= import('jsqr').then(({ default: jsQR }) => (data, width, height) => jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null);
    return decoder;
  }
  return Promise.reject(new Error('the browser decoder is for H5 only'));
}

/** Frames are scaled down to this width before decoding: enough for a phone-screen QR, and fast. */
const FRAME_WIDTH = 640;

function decodeFrom(source: CanvasImageSource, width: number, height: number, canvas: HTMLCanvasElement, decode: Decode): string | null {
  const scale = Math.min(1, FRAME_WIDTH / width);
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(source, 0, 0, canvas.width, canvas.height);
  const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
  return decode(data, canvas.width, canvas.height);
}

export function QrScanner({ onResult }: { onResult: (text: string) => void }) {
  if (process.env.TARO_ENV !== 'h5') {
    const scan = async () => {
      try {
        const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
        onResult(res.result);
      } catch {
        /* cancelled by the staff member */
      }
    };
    return (
      <Button type="primary" block onClick={() => void scan()}>
        扫描健康码
      </Button>
    );
  }
  return <BrowserScanner onResult={onResult} />;
}

function BrowserScanner({ onResult }: { onResult: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const decode = useRef<Decode | null>(null);
  const latest = useRef(onResult);
  latest.current = onResult;

  const stop = () => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setOpen(false);
  };
  useEffect(() => stop, []);

  const start = async () => {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setError('此浏览器无法打开摄像头（须通过 HTTPS 访问），请拍照识别或输入二维码内容');
      return;
    }
    try {
      decode.current = await loadDecoder();
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      setOpen(true); // the <video> mounts; the effect below plays the stream into it and decodes
    } catch (e) {
      stop();
      const name = (e as { name?: string }).name;
      setError(name === 'NotAllowedError' ? '未获准使用摄像头：请在浏览器设置中允许，或拍照识别' : name === 'NotFoundError' ? '没有找到摄像头，请拍照识别或输入二维码内容' : '无法打开摄像头，请拍照识别或输入二维码内容');
    }
  };

  useEffect(() => {
    const v = video.current;
    if (!open || !v || !stream.current) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    v.srcObject = stream.current;
    void v.play().catch(() => undefined);
    const tick = () => {
      if (!stream.current || !canvas.current || !decode.current) return;
      if (v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        const text = decodeFrom(v, v.videoWidth, v.videoHeight, canvas.current, decode.current);
        if (text) {
          stop();
          latest.current(text);
          return;
        }
      }
      timer = setTimeout(tick, 120);
    };
    tick();
    return () => clearTimeout(timer);
  }, [open]);

  const fromPhoto = async (file: File | undefined) => {
    if (!file || !canvas.current) return;
    setError(null);
    try {
      const [decoder, bitmap] = await Promise.all([loadDecoder(), createImageBitmap(file)]);
      const text = decodeFrom(bitmap, bitmap.width, bitmap.height, canvas.current, decoder);
      if (text) latest.current(text);
      else setError('照片中没有识别到二维码，请对准二维码重拍');
    } catch {
      setError('无法读取这张照片，请重拍');
    }
  };

  return (
    <View className="scanner">
      {open ? (
        <View className="scanner__view">
          <View className="scanner__stage">
            <video ref={video} className="scanner__video" playsInline muted data-testid="scanner-video" />
            <View className="scanner__frame" />
          </View>
          <Button block onClick={stop}>
            关闭摄像头
          </Button>
        </View>
      ) : (
        <View className="scanner__buttons">
          <Button type="primary" block onClick={() => void start()}>
            扫描健康码
          </Button>
          <label className="scanner__photo">
            拍照识别
            <input className="scanner__file" type="file" accept="image/*" capture="environment" onChange={(e) => void fromPhoto(e.currentTarget.files?.[0])} />
          </label>
        </View>
      )}
      {error && <Text className="scanner__error">{error}</Text>}
      <canvas ref={canvas} className="scanner__canvas" />
    </View>
  );
}
