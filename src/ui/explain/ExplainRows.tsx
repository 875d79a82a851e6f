import type { Schema } from '../../data/schema';
import { currentSchema } from '../../store/schema-view';
import { useStore } from '../../store/store';
import { TypedRow } from './TypedRow';
import { WhyThisRow } from './WhyThisRow';

/** Whether Why this row? is offered: for a table's model, not for images (Why this digit? explains those). */
export const explainsRows = (schema: Schema | null): schema is Schema => schema?.layout === 'table' && !schema.image;

/**
 * Why this row? below the errors panel's own views, for a classification and a regression alike: the
 * form to type a row, and the explanation of the row last asked about (typed, or a gallery row's).
 */
export function ExplainRows() {
  const schema = useStore(currentSchema);
  if (!explainsRows(schema)) return null;
  return (
    <div className="why-rows">
      <TypedRow key={schema.features.map((f) => f.column).join('\u0000')} schema={schema} />
      <WhyThisRow />
    </div>
  );
}
