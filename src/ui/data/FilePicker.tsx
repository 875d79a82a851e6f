import { useId, useState } from 'react';
import { SAMPLES, type SampleId, useStore } from '../../store/store';

/** The ways in: a file input (Kaggle CSV) and the bundled MNIST samples. Drop anywhere also works (DropZone). */
export function FilePicker() {
  const loadFile = useStore((s) => s.loadFile);
  const loadSample = useStore((s) => s.loadSample);
  const loadTestFile = useStore((s) => s.loadTestFile);
  const testId = useId();
  const [sample, setSample] = useState<SampleId>('sample10k');
  const inputId = useId();
  const sampleId = useId();
  return (
    <div className="file-picker">
      <div className="field">
        <label htmlFor={inputId}>Dataset CSV</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) loadFile(file);
            e.currentTarget.value = ''; // choosing the same file again loads it again
          }}
        />
        <p className="hint">Kaggle Digit Recognizer layout: <code>label,pixel0..pixel783</code> (train) or <code>pixel0..pixel783</code> (test). Or drop a file anywhere on the page.</p>
      </div>
      <div className="field">
        <label htmlFor={testId}>Test set CSV</label>
        <input
          id={testId}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) loadTestFile(file);
            e.currentTarget.value = '';
          }}
        />
        <p className="hint">A second labeled file in the same layout, scored only when training ends or on demand: tuning happens on validation, testing here.</p>
      </div>
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
