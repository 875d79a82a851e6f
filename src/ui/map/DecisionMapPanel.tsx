import { useEffect, useId, useState } from 'react';
import { useStore } from '../../store/store';
import { currentSchema } from '../../store/schema-view';
import { formatPercent } from '../format';
import { MapFigure } from './MapFigure';
import { NeuronMaps } from './NeuronMaps';

/**
 * TensorFlow Playground's picture for any table: the current model's prediction over the plane of two
 * numeric features, the others held at values the user can move, redrawn as it trains; beside it every
 * hidden unit's own map. The worker draws it (decision-map.ts); this panel asks for a plane and shows.
 */
export function DecisionMapPanel() {
  const schema = useStore(currentSchema);
  const { map, message, request } = useStore((s) => s.decisionMap);
  const showMap = useStore((s) => s.showMap);
  const setMapPlane = useStore((s) => s.setMapPlane);
  const [neuron, setNeuron] = useState<{ layer: number; unit: number } | null>(null);
  const ids = { x: useId(), y: useId() };
  const table = !!schema && !schema.image;
  useEffect(() => {
    if (!table) return;
    showMap(true);
    return () => showMap(false);
  }, [table, showMap]);

  if (!schema) return <p className="empty">Train a model on a table (or load one): its predictions over two features show here, redrawn as it learns.</p>;
  if (!table) return <p className="empty">The decision map is for tables: two pixels of an image are not a plane worth drawing. The Draw and Errors panels show what this model sees.</p>;
  if (!map) return <p className="empty">{message ?? 'Drawing the map…'}</p>;
  const names = schema.features.map((f) => f.column);
  const target = schema.target.column;
  const held = schema.features.map((f, i) => ({ f, i })).filter(({ i }) => i !== map.plane.x && i !== map.plane.y);
  const axisOptions = map.axes.map((i) => <option key={i} value={i}>{names[i]}</option>);
  return (
    <div className="decision-map">
      <div className="decision-map__controls">
        <div className="field">
          <label htmlFor={ids.x}>Map x feature</label>
          <select id={ids.x} value={map.plane.x} onChange={(e) => setMapPlane({ x: Number(e.currentTarget.value), ...(Number(e.currentTarget.value) === map.plane.y ? { y: map.plane.x } : {}) })}>{axisOptions}</select>
        </div>
        <div className="field">
          <label htmlFor={ids.y}>Map y feature</label>
          <select id={ids.y} value={map.plane.y} onChange={(e) => setMapPlane({ y: Number(e.currentTarget.value), ...(Number(e.currentTarget.value) === map.plane.x ? { x: map.plane.y } : {}) })}>{axisOptions}</select>
        </div>
        {request.x === null && request.y === null && <p className="hint">The pair the first layer weighs most (the largest outgoing weights); pick any other.</p>}
      </div>
      <div className="decision-map__body">
        <div className="decision-map__plot">
          <MapFigure map={map} names={names} target={target} neuron={neuron} />
          {map.scale ? (
            <div className="map-scale" aria-hidden="true">
              <span>{map.scale.lo.toPrecision(3)}</span>
              <span className="map-scale__bar" style={{ background: `linear-gradient(to right, ${map.scale.colors.join(', ')})` }} />
              <span>{map.scale.hi.toPrecision(3)} {target}</span>
            </div>
          ) : (
            <ul className="map-legend" aria-label="Classes on the map">
              {map.classes.map((c) => <li key={c.name}><span className="map-legend__swatch" style={{ background: c.color }} aria-hidden="true" />{c.name}: {formatPercent(c.share)} of the plane</li>)}
            </ul>
          )}
        </div>
        <NeuronMaps map={map} onShow={setNeuron} />
      </div>
      {held.length > 0 && (
        <fieldset className="decision-map__held">
          <legend>The other features, held while the plane is drawn</legend>
          <p className="hint">Each starts at its training median (a category: the most common); move one to see the plane shift.</p>
          <div className="decision-map__sliders">
            {held.map(({ f, i }) => {
              const value = map.plane.held[i];
              if (f.kind === 'categorical') {
                return (
                  <label key={i} className="field">Hold {f.column}
                    <select value={String(value)} onChange={(e) => setMapPlane({ held: { ...request.held, [i]: e.currentTarget.value } })}>
                      {f.categories.map((c) => <option key={c} value={c}>{c}</option>)}
                    </select>
                  </label>
                );
              }
              const r = map.ranges[i]!;
              return (
                <label key={i} className="field">Hold {f.column}: {Number(Number(value).toPrecision(4))}{value === f.fill ? ' (median)' : ''}
                  <input type="range" min={r.lo} max={r.hi} step={(r.hi - r.lo) / 100} value={Number(value)}
                    onChange={(e) => setMapPlane({ held: { ...request.held, [i]: Number(e.currentTarget.value) } })} />
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
    </div>
  );
}
