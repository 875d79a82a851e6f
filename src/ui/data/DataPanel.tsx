import { useStore } from '../../store/store';
import { ErrorAlert } from '../ErrorAlert';
import { DatasetCard } from './DatasetCard';
import { FilePicker } from './FilePicker';
import { LoadProgress } from './LoadProgress';
import { SplitControls } from './SplitControls';

/** Bring your data: choose or drop a CSV, or load a sample; see what was loaded and how it splits. */
export function DataPanel() {
  const train = useStore((s) => s.data.train);
  const predict = useStore((s) => s.data.predict);
  const test = useStore((s) => s.data.test);
  const error = useStore((s) => s.data.error);
  const dismissError = useStore((s) => s.dismissError);
  return (
    <>
      <FilePicker />
      <LoadProgress />
      <ErrorAlert message={error} onDismiss={dismissError} />
      <section className="dataset-summary" aria-label="Dataset summary">
        {!train && !predict && !test && <p className="empty">No dataset yet. Load the sample or your own CSV.</p>}
        {train && <DatasetCard summary={train} />}
        {predict && <DatasetCard summary={predict} />}
        {test && <DatasetCard summary={test} />}
      </section>
      <SplitControls />
    </>
  );
}
