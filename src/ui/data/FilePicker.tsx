import { type ReactNode, useId, useState } from 'react';
import { SAMPLES, type SampleId, useStore } from '../../store/store';

/** The ways in: a file input (Kaggle CSV) and the bundled MNIST samples. Drop anywhere also works (DropZone). */
export function FilePicker() {
  const loadFile = useStore((s) => s.loadFile);
  const loadSample = useStore((s) => s.loadSample);
  const loadTestFile = useStore((s) => s.loadTestFile);
  const [sample, setSample] = useState<SampleId>('sample10k');
  const sampleId = useId();
  return (
    <div className="file-picker">
      <CsvInput label="Dataset CSV" onFile={loadFile}>
        Kaggle Digit Recognizer layout: <code>label,pixel0..pixel783</code> (train) or <code>pixel0..pixel783</code> (test). Or drop a file anywhere on the page.
      </CsvInput>
      <CsvInput label="Test set CSV" onFile={loadTestFile}>
        A second labeled file in the same layout, scored only when training ends or on demand: tuning happens on validation, testing here.
      </CsvInput>
      <div className="field field--row">
        <label htmlFor={sampleId} className="visually-hidden">Sample</label>
        <select id={sampleId} value={sample} onChange={(e) => setSample(e.currentTarget.value as SampleId)}>
          {SAMPLES.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
        </select>
        <button type="button" onClick={() => loadSample(sample)}>Load sample MNIST</button>
      </div>
    </div>
  );
}

/** A labelled CSV file input with its hint; choosing the same file again loads it again. */
function CsvInput({ label, onFile, children }: { label: string; onFile: (file: File) => void; children: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = '';
        }}
      />
      <p className="hint">{children}</p>
    </div>
  );
}
