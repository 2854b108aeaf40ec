import { z } from "zod";

const id = z.string().min(1).max(64);

/** Managers mark documents as training material (or ordinary documents again). */
export const trainingDocumentsInput = z.object({
  documentIds: z.array(id).min(1, "choose at least one document").max(1000),
  training: z.boolean(),
});
export type TrainingDocumentsInput = z.input<typeof trainingDocumentsInput>;

/**
 * The qualification rule. `existing` answers "must annotators already working qualify too?" and
 * is required when qualification is switched on while annotators have work in the project.
 */
export const qualificationRuleInput = z.object({
  enabled: z.boolean(),
  /** Percent, as managers type it (80 means 80 %). */
  minAccuracyPercent: z.number().min(1, "at least 1 %").max(100, "at most 100 %"),
  dimensions: z.array(z.string().min(1).max(64)).min(1, "choose at least one dimension to score").max(50),
  maxAttempts: z.number().int().min(1, "at least 1 attempt").max(20, "at most 20 attempts"),
  existing: z.enum(["qualify", "exempt"]).optional(),
});
export type QualificationRuleInput = z.input<typeof qualificationRuleInput>;

/** One sentence answered in a training attempt, confirmed at once: its labels are then final. */
export const trainingSentenceInput = z.object({
  attemptId: id,
  segmentId: id,
  labels: z
    .array(
      z.object({
        dimension: z.string().min(1).max(64),
        target: z.string().max(64).nullable().default(null),
        value: z.unknown().refine((v) => v !== undefined, { message: "value is required" }),
      }),
    )
    .max(200),
});
export type TrainingSentenceInput = z.input<typeof trainingSentenceInput>;

export const attemptInput = z.object({ attemptId: id });
