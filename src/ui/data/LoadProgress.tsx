import { useStore } from '../../store/store';

/** Parsing progress with a Cancel that stops the worker's read at the next chunk. */
export function LoadProgress() {
  const loading = useStore((s) => s.data.loading);
  const cancelLoad = useStore((s) => s.cancelLoad);
  if (!loading) return null;
  const percent = Math.round(loading.share * 100);
  return (
    <div className="load-progress">
      <label>
        <span>Loading {loading.name}… {percent}%</span>
        <progress aria-label="Loading dataset" max={100} value={percent} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} />
      </label>
      <button type="button" onClick={cancelLoad}>Cancel</button>
    </div>
  );
}
