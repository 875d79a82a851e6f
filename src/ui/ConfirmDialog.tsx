import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A question before a click that throws work away: a modal `alertdialog` named by its title, what
 * would go in its body, and two buttons: Cancel (focused, and what Escape does) and the action.
 * The native <dialog> keeps the focus inside while it is open and gives it back when it closes.
 */
export function ConfirmDialog({ title, children, action, onConfirm, onCancel }: {
  title: string;
  children: ReactNode;
  /** The action button's label, e.g. "Reset everything". */
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId(), bodyId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const before = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    cancel.current?.focus();
    return () => {
      if (d.open) d.close();
      before?.focus?.({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={dialog} role="alertdialog" aria-labelledby={titleId} aria-describedby={bodyId} className="confirm-dialog"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <div className="confirm-dialog__actions">
        <button type="button" ref={cancel} onClick={onCancel}>Cancel</button>
        <button type="button" className="danger" onClick={onConfirm}>{action}</button>
      </div>
    </dialog>
  );
}
