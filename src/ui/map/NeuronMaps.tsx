import { useEffect, useRef } from 'react';
import type { DecisionMap } from '../../worker/protocol';
import { neuronRgba } from './map-colors';

type Neuron = { layer: number; unit: number };

/** One unit's activation over the plane, small; hovering or focusing it shows it large in the map. */
function Thumbnail({ values, unit, layer, side, dead, onShow }: { values: Uint8Array; unit: number; layer: number; side: number; dead: boolean; onShow: (n: Neuron | null) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const cells = side * side;
    ref.current?.getContext('2d')?.putImageData(new ImageData(neuronRgba(values, unit * cells, cells), side, side), 0, 0);
  }, [values, unit, side]);
  const show = () => onShow({ layer, unit });
  const hide = () => onShow(null);
  return (
    <canvas ref={ref} width={side} height={side} className={dead ? 'neuron neuron--dead' : 'neuron'} tabIndex={0} role="img"
      aria-label={`Neuron ${layer}.${unit + 1}${dead ? ' (dead: never fires on the probe rows)' : ''}`} title={`Neuron ${layer}.${unit + 1}${dead ? ', dead' : ''}`}
      onMouseEnter={show} onMouseLeave={hide} onFocus={show} onBlur={hide} />
  );
}

/** Every unit of the first and second hidden layers (up to 64 each) over the same plane, dead ones marked. */
export function NeuronMaps({ map, onShow }: { map: DecisionMap; onShow: (n: Neuron | null) => void }) {
  if (map.neurons.length === 0) return <p className="hint">This model has no hidden layer: its map is the output layer alone.</p>;
  return (
    <div className="neuron-maps">
      {map.neurons.map((l) => (
        <div key={l.layer} role="group" aria-label={`Hidden layer ${l.layer}: ${l.units} of ${l.width} units${l.dead.length ? `, ${l.dead.length} dead` : ''}`}>
          <p className="neuron-maps__title">Hidden layer {l.layer}: {l.units < l.width ? `the first ${l.units} of ${l.width} units` : `its ${l.units} units`}{l.dead.length ? ` · ${l.dead.length} dead (dashed red)` : ''}. Point at one to see it large.</p>
          <div className="neuron-maps__grid">
            {Array.from({ length: l.units }, (_, u) => (
              <Thumbnail key={u} values={l.values} unit={u} layer={l.layer} side={l.side} dead={l.dead.includes(u)} onShow={onShow} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
