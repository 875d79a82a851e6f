import { useStore } from '../../store/store';

/**
 * Take it further: the current recipe and data preparation as one PyTorch script (train.py), to run
 * on a bigger machine, a GPU or many processes with torchrun; with how to run it.
 */
export function ExportScript() {
  const { pending, message } = useStore((s) => s.script);
  const exportScript = useStore((s) => s.exportScript);
  const data = useStore((s) => s.data.train?.name ?? null);
  return (
    <section className="export-script" aria-label="Take it further">
      <h3>Take it further</h3>
      <p className="hint">
        <strong>train.py</strong> runs this experiment in PyTorch: {data ? <>the same <code>{data}</code></> : <>Kaggle's <code>train.csv</code></>} read
        with the same columns and preparation, the same split and initial weights from the seed, the same optimiser, schedule, early
        stopping and augmentation. It saves <code>model.safetensors</code>, which <em>Model file</em> loads back here, and continues a model
        saved here with <code>--resume</code>.
      </p>
      <pre className="export-script__commands" tabIndex={0}><code>{`pip install torch numpy
python train.py                        # one process (--device cuda: a GPU)
torchrun --nproc_per_node 4 train.py   # 4 processes, DistributedDataParallel`}</code></pre>
      <button type="button" className="secondary" onClick={exportScript} disabled={pending}>Export PyTorch script</button>
      {message && <p className="field-error" role="alert">{message}</p>}
    </section>
  );
}
