// The label page's tools: rename and recolour (one write to the label; every task shows the new name),
// and delete (the label comes off its tasks, and one Undo puts it back on them). Plain buttons, a select
// and a form, so all of it works from the keyboard.
import type { JSX } from 'solid-js';
import type { DeletedLabel } from '../../db/labels-store';
import type { LabelSummary } from '../../db/queries';
import { useApp } from '../app-context';
import { LABEL_WORDS } from '../messages';
import { RecordTools } from '../projects/RecordTools';
import type { RecordWrites } from '../projects/RecordTools';
import { labelsStore } from './labels-store';

export function LabelTools(props: { label: LabelSummary }): JSX.Element {
  const app = useApp();
  const store = () => labelsStore(app);
  const writes: RecordWrites<DeletedLabel> = {
    update: async (changes) => (await store()).updateLabel(props.label.id, changes),
    remove: async () => (await store()).deleteLabel(props.label.id),
    restore: async (deleted) => (await store()).restoreLabel(deleted),
    tasks: (deleted) => deleted.tasks.length,
  };
  return <RecordTools view="label" words={LABEL_WORDS} record={props.label} writes={writes} />;
}
