/** A QR code as an image data URL; its own chunk, so the generator never weighs on the first screen. */
export async function qrDataUrl(text: string, opts: { margin?: number; scale?: number; width?: number } = {}): Promise<string> {
  const QRCode = (await import('qrcode')).default;
  // With `width` the image is drawn at exactly the size it is shown, so no scaling blurs it.
  return QRCode.toDataURL(text, { margin: opts.margin ?? 1, errorCorrectionLevel: 'M', ...(opts.width ? { width: opts.width } : { scale: opts.scale ?? 4 }) });
}
