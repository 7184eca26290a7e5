// Everything quick add needs from the rules parser, as one lazy chunk (see parser.ts).
export { parseQuickAdd } from '../../core/parse/quick-add';
export { describeRecurrence } from '../../core/recurrence';
