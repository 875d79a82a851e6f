import { useEffect, useRef } from 'react';
import type { DecisionMap } from '../../worker/protocol';
import { formatPercent } from '../format';
import { neuronRgba, scaleColor } from './map-colors';

/** The map's drawn size in CSS pixels at most (its canvas holds the grid's side × side points, scaled smoothly; app.css sizes it). */
const SIZE = 320;

const round = (v: number) => Number(v.toPrecision(3)).toLocaleString('en-US');

/** What a screen reader gets instead of the picture: the plane, and each class's share of it (or the value's range). */
export function mapDescription(map: DecisionMap, names: string[], target: string): string {
  const x = names[map.plane.x], y = names[map.plane.y];
  const xr = map.ranges[map.plane.x]!, yr = map.ranges[map.plane.y]!;
  const plane = `${x} across (${round(xr.lo)} to ${round(xr.hi)}) and ${y} up (${round(yr.lo)} to ${round(yr.hi)})`;
  if (map.scale) return `Predicted ${target} over ${plane}: from ${round(map.scale.lo)} to ${round(map.scale.hi)}.`;
  const shares = [...map.classes].sort((a, b) => b.share - a.share).map((c) => `${c.name} ${formatPercent(c.share)} of the plane`);
  return `Predicted ${target} over ${plane}: ${shares.join(', ')}.`;
}

/**
 * The decision map: the worker's RGBA grid (or, while a neuron is chosen, that unit's activation over
 * the plane) drawn with putImageData and scaled to SIZE, the rows on top as marks (training rows dots,
 * held-out rows squares, each in its true class's colour; a wrong prediction ringed red), and the axes.
 */
export function MapFigure({ map, names, target, neuron }: { map: DecisionMap; names: string[]; target: string; neuron: { layer: number; unit: number } | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const side = map.side;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const n = neuron && map.neurons.find((l) => l.layer === neuron.layer);
    ctx.clearRect(0, 0, side, side);
    if (!n) {
      ctx.putImageData(new ImageData(new Uint8ClampedArray(map.image), side, side), 0, 0);
      return;
    }
    // A neuron's map has fewer points a side than the plane: drawn through a canvas of its own size, scaled smoothly.
    const small = document.createElement('canvas');
    small.width = small.height = n.side;
    small.getContext('2d')!.putImageData(new ImageData(neuronRgba(n.values, neuron.unit * n.side * n.side, n.side * n.side), n.side, n.side), 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, side, side);
  }, [map, neuron, side]);
  const xr = map.ranges[map.plane.x]!, yr = map.ranges[map.plane.y]!;
  const px = (v: number) => ((v - xr.lo) / (xr.hi - xr.lo)) * SIZE, py = (v: number) => SIZE - ((v - yr.lo) / (yr.hi - yr.lo)) * SIZE;
  const color = (t: number) => (map.scale ? scaleColor(map.scale.colors, map.scale.lo, map.scale.hi, t) : map.classes[t]?.color ?? '#000');
  const p = map.points;
  const label = neuron ? `Neuron ${neuron.layer}.${neuron.unit + 1}: its activation over ${names[map.plane.x]} and ${names[map.plane.y]} (blue positive, orange negative)` : mapDescription(map, names, target);
  return (
    <figure className="map-figure">
      <div className="map-figure__plot">
        <span className="map-figure__y" aria-hidden="true">{names[map.plane.y]}</span>
        <span className="map-figure__tick map-figure__tick--top" aria-hidden="true">{round(yr.hi)}</span>
        <span className="map-figure__tick map-figure__tick--bottom" aria-hidden="true">{round(yr.lo)}</span>
        <div className="map-figure__canvas">
          <canvas ref={ref} width={side} height={side} role="img" aria-label={label} />
          <svg viewBox={`0 0 ${SIZE} ${SIZE}`} aria-hidden="true">
            {Array.from(p.x, (_, i) => {
              const x = px(p.x[i]), y = py(p.y[i]), c = color(p.target[i]);
              if (x < 0 || x > SIZE || y < 0 || y > SIZE) return null;
              return p.heldOut[i]
                ? <rect key={i} x={x - 3.5} y={y - 3.5} width={7} height={7} fill={c} stroke={p.wrong[i] ? '#d00' : '#222'} strokeWidth={p.wrong[i] ? 2 : 1} />
                : <circle key={i} cx={x} cy={y} r={3} fill={c} stroke={p.wrong[i] ? '#d00' : '#fff'} strokeWidth={p.wrong[i] ? 2 : 1} />;
            })}
          </svg>
        </div>
      </div>
      <div className="map-figure__x" aria-hidden="true"><span>{round(xr.lo)}</span><span>{names[map.plane.x]}</span><span>{round(xr.hi)}</span></div>
      <figcaption>{neuron ? label : `Epoch ${map.epoch}. Colour: the predicted ${target}${map.scale ? '' : ', paler where the model is less sure'}. Dots: training rows; squares: held-out rows; in their true ${map.scale ? 'value' : 'class'}'s colour, ringed red when the model gets them wrong. Drawn in ${Math.round(map.ms)} ms on ${map.threads} thread${map.threads === 1 ? '' : 's'}.`}</figcaption>
    </figure>
  );
}
