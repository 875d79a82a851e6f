import { ExplainButton } from '../ExplainButton';
import { useId, useState } from 'react';
import type { TrainForm } from '../../train/form';
import { PRESETS, presetChanges, presetConfig, presetLabel, presetOf } from '../../train/presets';
import { ACTIVATIONS, INITS, OPTIMIZERS, SCHEDULES } from '../../train/settings';
import { AugmentationSettings } from './AugmentationSettings';
import { Choice, Num, Text } from './fields';
import { rowsUnder, trainRowsOf, useStore } from '../../store/store';
import { useParsedSettings } from '../../store/use-parsed-settings';

/** The network and optimiser settings, each checked as it is typed. */
export function SettingsForm() {
  const form = useStore((s) => s.settings.form);
  const valShare = useStore((s) => s.settings.valShare);
  const splitMode = useStore((s) => s.settings.splitMode);
  const { errors } = useParsedSettings();
  const setForm = useStore((s) => s.setForm);
  const applyPreset = useStore((s) => s.applyPreset);
  const running = useStore((s) => s.training.runs.some((r) => r.id === s.training.currentId && (r.state === 'running' || r.state === 'paused')));
  const presetId = useId();
  const trainRows = useStore(trainRowsOf);
  const preset = presetOf(form, valShare, splitMode, trainRows);
  const chosen = PRESETS.find((p) => p.id === preset);
  const [presetNote, setPresetNote] = useState<string[] | null>(null);
  const threadsHere = useStore((s) => s.engine?.threads ?? null);

  return (
    <div className="settings">
      <div className="field field--preset">
        <span className="field__label"><label htmlFor={presetId}>Preset</label></span>
        <select id={presetId} value={preset} onChange={(e) => {
          const p = PRESETS.find((x) => x.id === e.currentTarget.value);
          if (!p) return;
          const s = useStore.getState(), config = presetConfig(p, rowsUnder(s, p.config.valShare, p.config.split));
          const labeled = s.data.train?.labeled ? s.data.train.rows : undefined;
          setPresetNote(presetChanges(p, s.settings.form, s.settings, config, labeled));
          applyPreset(config);
        }}>
          {/* The name only, so it is never cut off; the whole recipe is said below. */}
          {PRESETS.map((p) => <option key={p.id} value={p.id} title={presetLabel(p)}>{p.name}</option>)}
          <option value="custom" disabled>Custom</option>
        </select>
      </div>
      {chosen && <p className="hint preset-recipe">{presetLabel(chosen)}</p>}
      {presetNote && <div className="hint preset-note" role="status">{presetNote.map((line) => <p key={line}>{line}</p>)}</div>}
      <div className="settings__grid">
        <Text field="hidden" label="Hidden layers" hint="comma-separated sizes, e.g. 128 or 256, 128" value={form.hidden} error={errors.hidden} onChange={(v) => setForm({ hidden: v })} />
        <Choice label="Activation" explain="activation" value={form.activation} options={ACTIVATIONS} error={errors.activation} onChange={(v) => setForm({ activation: v as TrainForm['activation'] })} />
        <Choice label="Initialiser" explain="init" value={form.init} options={[{ value: '', label: 'Auto: He for ReLU, Xavier otherwise' }, ...INITS]} error={errors.init}
          onChange={(v) => setForm({ init: v as TrainForm['init'] })} />
        <Choice label="Optimizer" explain="optimizer" value={form.optimizer} options={OPTIMIZERS} error={errors.optimizer} onChange={(v) => setForm({ optimizer: v as TrainForm['optimizer'] })} />
        <Num field="lr" label="Learning rate" step="any" value={form.lr} error={errors.lr} onChange={(v) => setForm({ lr: v })}
          hint={running ? 'a new value applies from the next epoch' : undefined} />
        <Num field="batchSize" label="Batch size" value={form.batchSize} error={errors.batchSize} onChange={(v) => setForm({ batchSize: v })} />
        <Num field="epochs" label="Epochs" value={form.epochs} error={errors.epochs} onChange={(v) => setForm({ epochs: v })} />
        <Num field="seed" label="Seed" value={form.seed} error={errors.seed} onChange={(v) => setForm({ seed: v })} />
        <Num field="weightDecay" label="L2 decay" step="any" value={form.weightDecay} error={errors.weightDecay} onChange={(v) => setForm({ weightDecay: v })} />
        <Num field="threads" label="Threads" value={form.threads} error={errors.threads} onChange={(v) => setForm({ threads: v })}
          hint={threadsHere === false ? 'this page trains on one thread: it is not cross-origin isolated' : 'threads each training step runs on'} />
        <Num field="patience" label="Patience" value={form.patience} error={errors.patience} onChange={(v) => setForm({ patience: v })}
          hint="early stopping: epochs without a lower validation loss before the run stops and keeps its best epoch (0: off)" />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={form.shuffle} onChange={(e) => setForm({ shuffle: e.currentTarget.checked })} /> Shuffle the training rows every epoch
      </label>
      <ExplainButton topic="shuffle" />
      <fieldset className="settings__group">
        <legend>Regularisation and schedule</legend>
        <div className="settings__grid">
          <Text field="dropout" label="Dropout" hint="share of hidden units dropped while training: 0.2, or one per layer (0.2, 0.1); blank for none" value={form.dropout} error={errors.dropout} onChange={(v) => setForm({ dropout: v })} />
          <Choice label="Learning-rate schedule" explain="schedule" value={form.schedule} options={SCHEDULES} error={errors.schedule} onChange={(v) => setForm({ schedule: v as TrainForm['schedule'] })} />
          <Num field="warmup" label="Warm-up epochs" value={form.warmup} error={errors.warmup} onChange={(v) => setForm({ warmup: v })}
            hint="the rate climbs linearly to the learning rate over these epochs" />
          {form.schedule === 'step' && <Num field="stepSize" label="Step size" value={form.stepSize} error={errors.stepSize} onChange={(v) => setForm({ stepSize: v })}
            hint="epochs between halvings of the rate" />}
        </div>
      </fieldset>
      <AugmentationSettings />
    </div>
  );
}
