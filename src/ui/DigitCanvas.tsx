import { useEffect, useRef } from 'react';
import { IMAGE_SIDE } from '../data/dataset';
import { digitRgba } from './digit-image';

/** A 28x28 byte image drawn pixel for pixel and scaled up crisply by CSS. */
export function DigitCanvas({ pixels, label, size = 56 }: { pixels: Uint8Array; label: string; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(digitRgba(pixels), IMAGE_SIDE, IMAGE_SIDE), 0, 0);
  }, [pixels]);
  return <canvas ref={ref} className="digit" width={IMAGE_SIDE} height={IMAGE_SIDE} style={{ width: size, height: size }} role="img" aria-label={label} />;
}
