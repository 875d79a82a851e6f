import { useEffect, useRef } from 'react';
import type { InkImage } from '../../data/preprocess';

/** Pad side in CSS pixels. */
export const PAD_SIZE = 280;
/**
 * Pen width in CSS pixels. A digit drawn about the pad's height is scaled by 20/250 into MNIST's
 * 20-pixel box, so an 18 px pen becomes about 1.5 pixels there, and with the anti-aliased edges the
 * 2-3 pixel strokes typical of MNIST.
 */
export const PEN_WIDTH = 18;

/**
 * A canvas to draw on with mouse, touch or pen (Pointer Events; touch-action none so the page does
 * not scroll under a finger). The backing store follows devicePixelRatio, so strokes stay sharp on
 * high-DPI screens. Reports the ink (the canvas alpha, 0..1) after each change, at most once a frame.
 */
export function DrawingPad({ onInk, clearSignal }: { onInk: (ink: InkImage | null) => void; clearSignal: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);

  useEffect(() => {
    const c = canvas.current!;
    const dpr = Math.max(1, Math.round(window.devicePixelRatio || 1));
    c.width = PAD_SIZE * dpr;
    c.height = PAD_SIZE * dpr;
    const ctx = c.getContext('2d', { willReadFrequently: true })!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = PEN_WIDTH;
    ctx.strokeStyle = '#111';
    ctx.fillStyle = '#111';
  }, []);

  useEffect(() => {
    const c = canvas.current!;
    c.getContext('2d')!.clearRect(0, 0, PAD_SIZE, PAD_SIZE);
    onInk(null);
  }, [clearSignal, onInk]);

  const report = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const c = canvas.current!;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const ink = new Float32Array(c.width * c.height);
      for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3] / 255;
      onInk({ width: c.width, height: c.height, ink });
    });
  };

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * PAD_SIZE) / r.width, y: ((e.clientY - r.top) * PAD_SIZE) / r.height };
  };

  const draw = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    report();
  };

  return (
    <canvas
      ref={canvas}
      className="drawing-pad"
      role="img"
      aria-label="Drawing pad"
      style={{ width: PAD_SIZE, height: PAD_SIZE, touchAction: 'none' }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = point(e);
        last.current = p;
        draw(p, p);
      }}
      onPointerMove={(e) => {
        if (!last.current) return;
        const p = point(e);
        draw(last.current, p);
        last.current = p;
      }}
      onPointerUp={() => { last.current = null; }}
      onPointerCancel={() => { last.current = null; }}
    />
  );
}
