import { useEffect, useId, useRef, useState } from 'react';
import { EXPLANATIONS, type ExplainTopic, explanationText } from '../train/explanations';

/**
 * A small "?" button named `Explain <name>` that opens a plain explanation of a setting or a chart
 * (src/train/explanations.ts) in a non-modal dialog right below it: Escape, the button again, or the
 * Close button closes it, and the focus goes back to the button. Reached by Tab and by a tap.
 */
export function ExplainButton({ topic }: { topic: ExplainTopic }) {
  const e = EXPLANATIONS[topic];
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onKey = (ev: KeyboardEvent) => {
      if (ev.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus({ preventScroll: true });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const title = e.name.charAt(0).toUpperCase() + e.name.slice(1);
  return (
    <span className="explain">
      <button
        type="button" ref={button} className="explain__button" aria-expanded={open}
        aria-controls={open ? id : undefined} onClick={() => setOpen((o) => !o)}
      >
        {/* The name is the words; the "?" is only what the eye sees. */}
        <span aria-hidden="true">?</span><span className="visually-hidden">Explain {e.name}</span>
      </button>
      {open && (
        <span role="dialog" id={id} aria-label={`${title}, explained`} className="explain__text">
          {explanationText(e).map((line) => <span key={line} className="explain__line">{line}</span>)}
          <button type="button" className="small secondary" onClick={() => { setOpen(false); button.current?.focus({ preventScroll: true }); }}>Close</button>
        </span>
      )}
    </span>
  );
}
