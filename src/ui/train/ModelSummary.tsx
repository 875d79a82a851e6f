import { useEffect } from 'react';
import { useStore } from '../../store/store';
import { useParsedSettings } from '../../store/use-parsed-settings';
import { formatCount } from '../format';

/** The network the settings describe, as the training worker builds it: each layer's output shape and parameters. */
export function ModelSummary() {
  const { config } = useParsedSettings();
  const describe = useStore((s) => s.describe);
  const model = useStore((s) => s.model.description);
  useEffect(() => {
    if (config) describe(config);
  }, [config, describe]);
  if (!config) return <p className="hint">Fix the settings above to see the model.</p>;
  if (!model) return null;
  return (
    <table className="model-summary" aria-label="Model summary">
      <caption>{model.architecture.replaceAll('-', ' → ')} · {formatCount(model.params)} parameters</caption>
      <thead><tr><th>layer</th><th>output</th><th>parameters</th></tr></thead>
      <tbody>
        <tr><td>input ({model.reads})</td><td>[batch, {model.inputSize}]</td><td>0</td></tr>
        {model.layers.map((r, i) => <tr key={i}><td>{r.label}</td><td>[batch, {r.outputSize}]</td><td>{formatCount(r.params)}</td></tr>)}
        <tr><td>output: {model.gives}</td><td>[batch, {model.outputSize}]</td><td>0</td></tr>
      </tbody>
    </table>
  );
}
