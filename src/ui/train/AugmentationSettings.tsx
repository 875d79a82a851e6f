import { ExplainButton } from '../ExplainButton';
import { useEffect } from 'react';
import { useStore } from '../../store/store';
import { useParsedSettings } from '../../store/use-parsed-settings';
import { DigitCanvas } from '../DigitCanvas';
import { Num } from './fields';

/**
 * How each training image is changed before the network sees it (Simard et al. 2003): shifts,
 * rotation, scale and elastic distortion, drawn afresh per image from the seed. The strip shows the
 * first training images and what these settings make of them, made by the worker with the run's own
 * augmentation code and seed, and redrawn as the settings change.
 */
export function AugmentationSettings() {
  const form = useStore((s) => s.settings.form);
  const { errors } = useParsedSettings();
  const setForm = useStore((s) => s.setForm);
  const previewAugment = useStore((s) => s.previewAugment);
  const preview = useStore((s) => s.augment);
  const trainName = useStore((s) => s.data.train?.name ?? null);
  const table = useStore((s) => s.data.train?.layout === 'table');
  const { shift, rotation, scale, elasticAlpha, elasticSigma, seed } = form;
  useEffect(() => {
    if (trainName && !table) previewAugment();
  }, [previewAugment, trainName, table, shift, rotation, scale, elasticAlpha, elasticSigma, seed]);
  // A table is not augmented: the fields show only while one is set (a digit preset's), so it can be undone.
  if (table && [shift, rotation, scale, elasticAlpha].every((v) => Number(v) === 0)) {
    return (
      <fieldset className="settings__group">
        <legend>Augmentation <ExplainButton topic="augmentation" /></legend>
        <p className="hint">Shifts, rotations and elastic distortions are for the digit layout's 28x28 images; a table's rows are not augmented.</p>
      </fieldset>
    );
  }
  return (
    <fieldset className="settings__group">
      <legend>Augmentation <ExplainButton topic="augmentation" /></legend>
      <div className="settings__grid">
        <Num field="shift" label="Shift (pixels)" value={shift} error={errors.shift} onChange={(v) => setForm({ shift: v })} hint="each axis moves by a whole number of pixels up to this" />
        <Num field="rotation" label="Rotation (degrees)" step="any" value={rotation} error={errors.rotation} onChange={(v) => setForm({ rotation: v })} hint="turned by up to ± this" />
        <Num field="scale" label="Scale (percent)" step="any" value={scale} error={errors.scale} onChange={(v) => setForm({ scale: v })} hint="grown or shrunk by up to ± this" />
        <Num field="elasticAlpha" label="Elastic α" step="any" value={elasticAlpha} error={errors.elasticAlpha} onChange={(v) => setForm({ elasticAlpha: v })} hint="strength of the elastic distortion in pixels, 0 for none (Simard: 34)" />
        <Num field="elasticSigma" label="Elastic σ" step="any" value={elasticSigma} error={errors.elasticSigma} onChange={(v) => setForm({ elasticSigma: v })} hint="smoothness of the distortion field (Simard: 4)" />
      </div>
      <figure className="augment-preview" aria-label="Augmentation preview">
        <figcaption>What the network sees: the first training images (top) and the same images augmented (below)</figcaption>
        {!trainName && <p className="empty">Load training data to see its images augmented.</p>}
        {trainName && preview.message && <p className="hint">{preview.message}</p>}
        {trainName && !preview.message && preview.augmented.length > 0 && (
          <div className="augment-preview__strip">
            {preview.augmented.map((pixels, i) => (
              <div key={i} className="augment-preview__pair">
                <DigitCanvas pixels={preview.originals[i]} size={40} label={`training image ${i + 1}, label ${preview.labels[i]}`} />
                <DigitCanvas pixels={pixels} size={40} label={`training image ${i + 1} augmented`} />
              </div>
            ))}
          </div>
        )}
      </figure>
    </fieldset>
  );
}
