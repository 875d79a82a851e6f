import { useEffect, useRef } from 'react';
import { digitRgba, sideOf } from './digit-image';

/** A square image's bytes (28x28, 8x8, …) drawn pixel for pixel and scaled up crisply by CSS. */
export function DigitCanvas({ pixels, label, size = 56 }: { pixels: Uint8Array; label: string; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const side = sideOf(pixels.length);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(digitRgba(pixels), side, side), 0, 0);
  }, [pixels, side]);
  return <canvas ref={ref} className="digit" width={side} height={side} style={{ width: size, height: size }} role="img" aria-label={label} />;
}

/** An RGBA image of a square side, scaled up crisply. */
export function RgbaCanvas({ rgba, label, size }: { rgba: Uint8ClampedArray<ArrayBuffer>; label: string; size: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const side = sideOf(rgba.length / 4);
  useEffect(() => {
    ref.current?.getContext('2d')?.putImageData(new ImageData(rgba, side, side), 0, 0);
  }, [rgba, side]);
  return <canvas ref={ref} className="digit" width={side} height={side} style={{ width: size, height: size }} role="img" aria-label={label} />;
}
