import { mlpSummary } from '../../engine/mlp';
import { useParsedSettings } from '../../store/use-parsed-settings';
import { formatCount } from '../format';

/** The network the settings describe: each layer's output shape and parameters, and the total. */
export function ModelSummary() {
  const { config } = useParsedSettings();
  if (!config) return <p className="hint">Fix the settings above to see the model.</p>;
  const rows = mlpSummary({ inputSize: 784, hidden: config.hidden, outputSize: 10, activation: config.activation });
  const total = rows.reduce((n, r) => n + r.params, 0);
  return (
    <table className="model-summary" aria-label="Model summary">
      <caption>{[784, ...config.hidden, 10].join(' → ')} · {formatCount(total)} parameters</caption>
      <thead><tr><th>layer</th><th>output</th><th>parameters</th></tr></thead>
      <tbody>
        <tr><td>input (28x28 pixels / 255)</td><td>[batch, 784]</td><td>0</td></tr>
        {rows.map((r, i) => <tr key={i}><td>{r.label}</td><td>[batch, {r.outputSize}]</td><td>{formatCount(r.params)}</td></tr>)}
        <tr><td>softmax</td><td>[batch, 10]</td><td>0</td></tr>
      </tbody>
    </table>
  );
}
