import { useCallback, useState } from 'react';
import { DIGIT_SCHEMA } from '../../data/digits';
import { type InkImage, preprocessDrawing } from '../../data/preprocess';
import { useStore } from '../../store/store';
import { className, currentSchema, readsImages } from '../../store/schema-view';
import { DigitCanvas } from '../DigitCanvas';
import { ClassProbabilities } from './ClassProbabilities';
import { DrawingPad } from './DrawingPad';
import { WhyThisDigit } from '../explain/WhyThisDigit';

/** The side drawings are made at before a model says its own: the digit layout's. */
const DEFAULT_SIDE = DIGIT_SCHEMA.image!.side;

/**
 * Draw a digit; see the image the network gets (at the side of the images it reads: 28x28, or an
 * image table's 8x8) and what it thinks, as you draw and as it trains. A model of a table's rows
 * does not read drawings: the panel says so.
 */
export function DrawPanel() {
  const input = useStore((s) => s.draw.input);
  const probs = useStore((s) => s.draw.probs);
  const predicted = useStore((s) => s.draw.predicted);
  const hasModel = useStore((s) => s.training.currentId !== null || s.modelFile.loaded !== null);
  const schema = useStore(currentSchema);
  const showImages = useStore((s) => s.showImages);
  const setDrawing = useStore((s) => s.setDrawing);
  const explain = useStore((s) => s.explain);
  const [clearSignal, setClearSignal] = useState(0);
  const images = !schema || readsImages(schema, showImages);
  const side = schema?.image && images ? schema.image.side : DEFAULT_SIDE;
  const onInk = useCallback((ink: InkImage | null) => setDrawing(ink ? preprocessDrawing(ink, undefined, side) : null), [setDrawing, side]);
  if (!images) {
    return <p className="empty">{schema?.image
      ? `The model reads ${schema.image.side}x${schema.image.side} images: check "Show as images" in the data panel to draw one.`
      : "The model reads a table's rows, not drawings: its errors and test scores show what it learned."}</p>;
  }
  return (
    <div className="draw-panel">
      <div className="draw-panel__pad">
        <DrawingPad onInk={onInk} clearSignal={clearSignal} />
        <button type="button" className="secondary" onClick={() => setClearSignal((n) => n + 1)}>Clear drawing</button>
      </div>
      <div className="draw-panel__result">
        <div className="model-input">
          {input
            ? <DigitCanvas pixels={input} label="Model input" size={84} />
            : <div className="model-input__empty" role="img" aria-label="Model input">empty</div>}
          <p className="hint">What the network sees: your drawing cropped, scaled into a box and centred by its centre of mass in {side}x{side}, as MNIST's digits were made.</p>
        </div>
        {input && probs && <ClassProbabilities probs={probs} predicted={predicted} names={(k) => className(schema, k)} />}
        {input && probs && <button type="button" className="secondary" onClick={() => explain(input, null, 'drawing')}>Why this digit?</button>}
        {input && !probs && <p className="hint">{hasModel ? 'Asking the model…' : 'Train a model to see its prediction.'}</p>}
        {!input && <p className="hint">Draw a digit on the pad.</p>}
      </div>
      <WhyThisDigit source="drawing" />
    </div>
  );
}
