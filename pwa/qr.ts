/** A QR code as an image data URL; its own chunk, so the generator never weighs on the first screen. */
export async function qrDataUrl(text: string, opts: { margin?: number; scale?: number } = {}): Promise<string> {
  const QRCode = (await import('qrcode')).default;
  return QRCode.toDataURL(text, { margin: opts.margin ?? 1, scale: opts.scale ?? 4, errorCorrectionLevel: 'M' });
}
