// `@moodiary/store/sync`, loaded only when `<mood-diary server>` is set: a diary used on one
// device loads none of it.
export type { DiarySync, SyncStatus } from '@moodiary/store/sync';

export const loadSync = () => import('@moodiary/store/sync');
