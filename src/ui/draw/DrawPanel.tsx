import { useCallback, useState } from 'react';
import { type InkImage, preprocessDrawing } from '../../data/preprocess';
import { useStore } from '../../store/store';
import { DigitCanvas } from '../DigitCanvas';
import { ClassProbabilities } from './ClassProbabilities';
import { DrawingPad } from './DrawingPad';
import { WhyThisDigit } from '../explain/WhyThisDigit';

/** Draw a digit; see the 28x28 image the network gets and what it thinks, as you draw and as it trains. */
export function DrawPanel() {
  const input = useStore((s) => s.draw.input);
  const probs = useStore((s) => s.draw.probs);
  const hasModel = useStore((s) => s.training.currentId !== null);
  const setDrawing = useStore((s) => s.setDrawing);
  const explain = useStore((s) => s.explain);
  const [clearSignal, setClearSignal] = useState(0);
  const onInk = useCallback((ink: InkImage | null) => setDrawing(ink ? preprocessDrawing(ink) : null), [setDrawing]);
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
          <p className="hint">What the network sees: your drawing cropped, scaled into a 20x20 box and centred by its centre of mass in 28x28, as MNIST's digits were.</p>
        </div>
        {input && probs && <ClassProbabilities probs={probs} />}
        {input && probs && <button type="button" className="secondary" onClick={() => explain(input, null, 'drawing')}>Why this digit?</button>}
        {input && !probs && <p className="hint">{hasModel ? 'Asking the model…' : 'Train a model to see its prediction.'}</p>}
        {!input && <p className="hint">Draw a digit on the pad.</p>}
      </div>
      <WhyThisDigit source="drawing" />
    </div>
  );
}
