import { ExplainButton } from './ExplainButton';
import type { ExplainTopic } from '../train/explanations';
import type { ReactNode } from 'react';
import { useStore } from '../store/store';
import { formatEngine, formatKernel } from './format';
import { DataPanel } from './data/DataPanel';
import { DropZone } from './DropZone';
import { TrainPanel } from './train/TrainPanel';
import { DrawPanel } from './draw/DrawPanel';
import { ErrorsPanel } from './errors/ErrorsPanel';
import { ModelPanel } from './model/ModelPanel';
import { LayerHealthPanel } from './health/LayerHealthPanel';
import { DecisionMapPanel } from './map/DecisionMapPanel';
import { Notices } from './Notices';

/** The engine as the training worker reports it: what the current run trains on, else what the worker can run. */
function EngineNote() {
  const run = useStore((s) => s.training.runs.find((r) => r.id === s.training.currentId) ?? null);
  const info = useStore((s) => s.engine);
  const firstKernel = run?.kernels?.[0] ?? null;
  const text = run?.engine && firstKernel && firstKernel !== 'none'
    ? `the current run trains on ${formatEngine(run.engine)}; its first layer on ${formatKernel(firstKernel)} kernels`
    : info === null ? 'starting the training worker…'
      : `${info.wasm === 'relaxed-simd' ? 'WebAssembly relaxed SIMD' : info.wasm === 'simd' ? 'WebAssembly SIMD' : 'no WebAssembly SIMD: JavaScript kernels'} in the training worker, ${info.threads ? 'threads available' : 'one thread (the page is not cross-origin isolated)'}`;
  return <p>Engine: a from-scratch MLP; {text}.</p>;
}

interface PanelProps {
  id: string;
  title: string;
  description: string;
  wide?: boolean;
  /** The `Explain <name>` button beside the title. */
  explain?: ExplainTopic;
  children?: ReactNode;
}

/** A titled card; the heading names the section's landmark region. */
function Panel({ id, title, description, wide = false, explain, children }: PanelProps) {
  const headingId = `${id}-heading`;
  return (
    <section
      className={wide ? 'panel panel--wide' : 'panel'}
      id={id}
      aria-labelledby={headingId}
    >
      <div className="panel__head">
        <h2 id={headingId}>{title}</h2>
        {explain && <ExplainButton topic={explain} />}
      </div>
      <p className="panel__description">{description}</p>
      {children}
    </section>
  );
}

export function App() {
  return (
    <div className="app">
      <DropZone />
      <header className="app__header">
        <h1>MLP Playground</h1>
        <p className="app__tagline">
          Train a neural network written from scratch on your own data, any labeled table or handwritten digits, in your browser.
        </p>
      </header>

      <main className="app__grid">
        <Notices />
        <Panel
          id="data"
          title="Data"
          description="Load any labeled table (CSV, TSV), a Kaggle-format digit CSV, or a bundled sample. Files are read inside a background worker and never leave this page."
          wide
        >
          <DataPanel />
        </Panel>
        <Panel
          id="train"
          title="Train"
          description="Pick the architecture and optimiser, then watch loss and accuracy live. Training runs in a background worker, so the page stays responsive."
          wide
        >
          <TrainPanel />
        </Panel>
        <Panel
          id="model"
          title="Model"
          description="Keep and share the work: save the model as a .safetensors file (NumPy and PyTorch read it), load one back, or predict a file: a Kaggle test file, or a table without its target. Your work is also kept in this browser and comes back after a reload."
          wide
        >
          <ModelPanel />
        </Panel>
        <Panel
          id="draw"
          title="Draw"
          description="Draw a digit and see what the network predicts, as you draw and as it trains."
          wide
        >
          <DrawPanel />
        </Panel>
        <Panel
          id="map"
          title="Decision map"
          description="For a table: what the model predicts over the plane of two features, the others held where you set them, redrawn as it trains; beside it, what each hidden unit computes over the same plane."
          wide
        >
          <DecisionMapPanel />
        </Panel>
        <Panel
          id="errors"
          title="Errors"
          description="The held-out rows the model gets wrong (a regression: its predictions against the truth, worst errors first), the confusion matrix, why the model decided as it did for a row, which columns it relies on, and, for images, what the first layer learned."
          wide
        >
          <ErrorsPanel />
        </Panel>
        <Panel
          id="health"
          title="Layer health"
          explain="layerHealth"
          description="Inside the network, layer by layer: how each layer's outputs are spread, how many units are dead or saturated, and how big its gradients and updates are."
          wide
        >
          <LayerHealthPanel />
        </Panel>
      </main>

      <footer className="app__footer">
        <p>Everything runs locally: your data never leaves this page.</p>
        <EngineNote />
      </footer>
    </div>
  );
}
