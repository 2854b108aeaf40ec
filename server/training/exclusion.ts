/**
 * The one rule that keeps training material out of the normal work: a `where` on Document that
 * every normal query (the annotator's list, assignment, the workspace and label writes, agreement,
 * review, reports, the dataset export, progress) spreads into its document condition. Training
 * documents are labelled only in training attempts (server/training/attempts.ts), whose labels live
 * in their own tables; managers still see the documents in the project's document list, marked.
 */
export const REAL_DOCUMENT = { trainingAt: null } as const;
