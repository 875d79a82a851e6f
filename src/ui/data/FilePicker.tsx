import { type ReactNode, useId, useState } from 'react';
import { SAMPLES, type Sample, type SampleId, TABLE_SAMPLES, useStore } from '../../store/store';

/** The ways in: file inputs (any labeled table, or Kaggle's digit CSV) and the bundled samples. Drop anywhere also works (DropZone). */
export function FilePicker() {
  const loadFile = useStore((s) => s.loadFile);
  const loadTestFile = useStore((s) => s.loadTestFile);
  return (
    <div className="file-picker">
      <CsvInput label="Dataset CSV" onFile={loadFile}>
        Any labeled table (comma, semicolon or tab separated, with a header or without), or Kaggle's Digit Recognizer layout: <code>label,pixel0..pixel783</code> (train) or <code>pixel0..pixel783</code> (test). Or drop a file anywhere on the page.
      </CsvInput>
      <CsvInput label="Test set CSV" onFile={loadTestFile}>
        A second labeled file with the same columns, scored only when training ends or on demand: tuning happens on validation, testing here.
      </CsvInput>
      <SamplePicker samples={SAMPLES} label="Sample" button="Load sample MNIST" />
      <SamplePicker samples={TABLE_SAMPLES} label="Table sample" button="Load sample table" />
    </div>
  );
}

/** A bundled sample to choose and its load button. */
function SamplePicker({ samples, label, button }: { samples: readonly Sample[]; label: string; button: string }) {
  const loadSample = useStore((s) => s.loadSample);
  const [sample, setSample] = useState<SampleId>(samples[0].id);
  const id = useId();
  return (
    <div className="field field--row">
      <label htmlFor={id} className="visually-hidden">{label}</label>
      <select id={id} value={sample} onChange={(e) => setSample(e.currentTarget.value)}>
        {samples.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
      </select>
      <button type="button" onClick={() => loadSample(sample)}>{button}</button>
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
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
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
