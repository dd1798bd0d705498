/**
 * The QR scanner, loaded only when the scan screen opens. Uses the browser's BarcodeDetector
 * where it exists; otherwise zxing (Linux Chromium, Firefox), imported on demand so it stays
 * out of the first load.
 */
import { torchOf, type Torch } from './torch.js';

export interface Scanner {
  stop(): void;
  /** The camera's torch, or null where it has none. */
  torch: Torch | null;
}

const videoTrack = (video: HTMLVideoElement) => (video.srcObject instanceof MediaStream ? video.srcObject.getVideoTracks()[0] : undefined);

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

/** Starts the camera; `onText` gets each decoded text and returns true to stop scanning. */
export async function startScanner(video: HTMLVideoElement, onText: (text: string) => boolean): Promise<Scanner> {
  const Detector = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => BarcodeDetectorLike }).BarcodeDetector;
  if (Detector) {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    await video.play();
    const detector = new Detector({ formats: ['qr_code'] });
    let running = true;
    const stop = () => {
      running = false;
      stream.getTracks().forEach((t) => t.stop());
    };
    const tick = async () => {
      if (!running) return;
      const found = await detector.detect(video).catch(() => []);
      if (found[0] && onText(found[0].rawValue)) stop();
      else requestAnimationFrame(() => void tick());
    };
    void tick();
    return { stop, torch: torchOf(videoTrack(video)) };
  }
  const { BrowserQRCodeReader } = await import('@zxing/browser');
  const reader = new BrowserQRCodeReader();
  let done = false;
  // The callback may run before decodeFromVideoDevice resolves: it stops through its own controls.
  const controls = await reader.decodeFromVideoDevice(undefined, video, (result, _error, own) => {
    if (result && !done && onText(result.getText())) {
      done = true;
      own.stop();
    }
  });
  return { stop: () => controls.stop(), torch: torchOf(videoTrack(video)) };
}

/** The space code and key of a Plek label URL (https://host/s/HUB-2-014?k=...), or null. */
export function parseLabel(text: string): { code: string; key: string } | null {
  try {
    const url = new URL(text);
    const match = /^\/s\/([A-Z0-9][A-Z0-9-]{1,31})$/.exec(url.pathname);
    const key = url.searchParams.get('k');
    return match && key ? { code: match[1]!, key } : null;
  } catch {
    return null;
  }
}

/**
 * Loads the decoder ahead of need. The kiosk calls it once it is running, so a camera still
 * works through a network outage that starts later.
 */
export async function preloadScanner(): Promise<void> {
  if (!(globalThis as { BarcodeDetector?: unknown }).BarcodeDetector) await import('@zxing/browser');
}
