import { useStore } from '../store/store';
import { ErrorAlert } from './ErrorAlert';

/** Lines about the page itself: what a reload restored, what a link set or ignored, and why storage fails. */
export function Notices() {
  const { restored, link, storage } = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  return (
    <div className="notices">
      <ErrorAlert message={storage} onDismiss={() => dismiss('storage')} />
      {restored && (
        <div className="notice" role="status">
          <p>{restored}</p>
          <button type="button" className="secondary small" onClick={() => dismiss('restored')}>OK</button>
        </div>
      )}
      {link.length > 0 && (
        <div className="notice" role="status">
          <ul>{link.map((n) => <li key={n}>{n}</li>)}</ul>
          <button type="button" className="secondary small" onClick={() => dismiss('link')}>OK</button>
        </div>
      )}
    </div>
  );
}
