/** A problem, said in a sentence, until dismissed or replaced. */
export function ErrorAlert({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <div className="alert" role="alert">
      <p>{message}</p>
      <button type="button" className="alert__dismiss" onClick={onDismiss}><span aria-hidden="true">×</span><span className="visually-hidden">Dismiss message</span></button>
    </div>
  );
}
