import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';
import { ErrorAlert } from '../ErrorAlert';
import { memo, useMemo } from 'react';
import { useThrottled } from '../use-throttled';
import type { ChartSeries, Metric } from './chart-data';
import { currentSchema } from '../../store/schema-view';
import { LrChart } from './LrChart';
import { MetricChart } from './MetricChart';
import { MetricsView } from './MetricsView';
import { ModelSummary } from './ModelSummary';
import { RunControls } from './RunControls';
import { RunHistory } from './RunHistory';
import { RunHints } from './RunHints';
import { SettingsForm } from './SettingsForm';
import { TestResults } from './TestResults';

/** Settings and model on the left; controls, live numbers, charts and history on the right. */
export function TrainPanel() {
  const alert = useStore((s) => s.training.alert);
  const dismiss = useStore((s) => s.dismissTrainingAlert);
  return (
    <div className="train-panel">
      <div className="train-panel__settings">
        <SettingsForm />
        <ModelSummary />
      </div>
      <div className="train-panel__live">
        <RunControls />
        <ErrorAlert message={alert} onDismiss={dismiss} />
        <RunHints />
        <MetricsView />
        <TestResults />
        <LiveCharts />
        <RunHistory />
      </div>
    </div>
  );
}

/** The charts' data, subscribed here so that progress updates re-render only the charts' inputs. */
function LiveCharts() {
  const currentId = useStore((s) => s.training.currentId);
  const regression = useStore((s) => currentSchema(s)?.target.task === 'regression');
  // Only what the charts draw: a state change or progress numbers alone must not redraw them.
  const series = useStore(useShallow((s) => s.training.runs.flatMap((r) => [r.id, r.visible, r.epochs, r.running, r.config.epochs, r.keptEpoch])));
  const runs = useMemo(() => {
    const out: ChartSeries[] = [];
    for (let i = 0; i < series.length; i += 6) {
      out.push({
        id: series[i] as number, visible: series[i + 1] as boolean, epochs: series[i + 2] as ChartSeries['epochs'], running: series[i + 3] as ChartSeries['running'],
        plannedEpochs: series[i + 4] as number, keptEpoch: series[i + 5] as number | null,
      });
    }
    return out;
  }, [series]);
  return <Charts runs={runs} currentId={currentId} second={regression ? 'r2' : 'acc'} />;
}

const NO_EPOCHS: ChartSeries['epochs'] = [];

/** Charts redraw at most this often; worker events come up to 4 times a second per epoch. */
const CHART_REDRAW_MS = 1000;

/**
 * Both charts, redrawn only when their series change, at most every CHART_REDRAW_MS, never inside
 * the handler of a worker message, each in a frame of its own and half a period apart: a recharts
 * redraw takes 10-25 ms here, so two in one frame, or one beside another heavy view, could make a
 * task over 50 ms. This way button presses are answered at once while training.
 */
const Charts = memo(function Charts({ runs, currentId, second }: { runs: ChartSeries[]; currentId: number | null; second: Metric }) {
  const lossRuns = useThrottled(runs, CHART_REDRAW_MS);
  const accRuns = useThrottled(lossRuns, CHART_REDRAW_MS, CHART_REDRAW_MS / 2);
  // A quarter period after the accuracy chart: a frame of its own, as the other two.
  const lrRuns = useThrottled(accRuns, CHART_REDRAW_MS, CHART_REDRAW_MS / 4);
  const current = lrRuns.find((r) => r.id === currentId);
  return (
    <div className="charts">
      <MetricChart runs={lossRuns} currentId={currentId} metric="loss" />
      <MetricChart runs={accRuns} currentId={currentId} metric={second} />
      <LrChart epochs={current?.epochs ?? NO_EPOCHS} plannedEpochs={current?.plannedEpochs ?? 1} />
    </div>
  );
});
