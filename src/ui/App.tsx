import type { ReactNode } from 'react';
import { simdSupported } from '../engine/wasm/arena';
import { DataPanel } from './data/DataPanel';
import { DropZone } from './DropZone';
import { TrainPanel } from './train/TrainPanel';
import { DrawPanel } from './draw/DrawPanel';
import { ErrorsPanel } from './errors/ErrorsPanel';

/** Checked once: the kernel the training worker's first layer will run on. */
const kernelPath = simdSupported() ? 'WebAssembly SIMD' : 'JavaScript (no WebAssembly SIMD here)';

interface PanelProps {
  id: string;
  title: string;
  description: string;
  wide?: boolean;
  children?: ReactNode;
}

/** A titled card; the heading names the section's landmark region. */
function Panel({ id, title, description, wide = false, children }: PanelProps) {
  const headingId = `${id}-heading`;
  return (
    <section
      className={wide ? 'panel panel--wide' : 'panel'}
      id={id}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>{title}</h2>
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
          Train a neural network written from scratch on your own digit data — in your browser.
        </p>
      </header>

      <main className="app__grid">
        <Panel
          id="data"
          title="Data"
          description="Load a Kaggle-format digit CSV or the bundled MNIST sample. Files are read inside a background worker and never leave this page."
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
          id="draw"
          title="Draw"
          description="Draw a digit and see what the network predicts, as you draw and as it trains."
          wide
        >
          <DrawPanel />
        </Panel>
        <Panel
          id="errors"
          title="Errors"
          description="The held-out samples the model gets wrong, the confusion matrix, and what the first layer learned."
          wide
        >
          <ErrorsPanel />
        </Panel>
      </main>

      <footer className="app__footer">
        <p>Everything runs locally: your data never leaves this page.</p>
        <p>Engine: a from-scratch MLP; first layer on {kernelPath} kernels.</p>
      </footer>
    </div>
  );
}
