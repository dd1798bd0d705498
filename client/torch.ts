/**
 * The torch (flash LED) of a camera, where the camera has one: Chromium on most Android
 * phones reports `torch` among a video track's capabilities. Elsewhere (desktops, iOS Safari,
 * Chromium's fake camera) there is none, and the scanner shows no switch.
 */
export interface TorchTrack {
  getCapabilities?: () => MediaTrackCapabilities;
  applyConstraints(constraints: MediaTrackConstraints): Promise<void>;
}

export interface Torch {
  readonly on: boolean;
  /** Switches the torch; resolves to the state it is in afterwards (unchanged when refused). */
  set(on: boolean): Promise<boolean>;
}

export function torchOf(track: TorchTrack | undefined): Torch | null {
  let capable = false;
  try {
    capable = (track?.getCapabilities?.() as { torch?: boolean } | undefined)?.torch === true;
  } catch {
    // A track that cannot say what it can: treat it as one without a torch.
  }
  if (!track || !capable) return null;
  let on = false;
  return {
    get on() {
      return on;
    },
    async set(want) {
      try {
        // `torch` is not in TypeScript's DOM types yet; Chromium takes it as an advanced constraint.
        await track.applyConstraints({ advanced: [{ torch: want } as MediaTrackConstraintSet] });
        on = want;
      } catch {
        // The camera refused (busy, or the LED is in use by another app): the state stays.
      }
      return on;
    },
  };
}
