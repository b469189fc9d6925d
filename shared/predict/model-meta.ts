/**
 * What ships next to the ONNX file (shared/predict/model/price-drop.json): how to read the model's output
 * and its measured record on held-out data, which the UI shows beside every prediction.
 * `npm run train` writes it; `npm run eval:predict` adds `heldOut`.
 */
import { z } from 'zod';

export const heldOutSourceSchema = z.object({
  intents: z.number().int(),
  baseRate: z.number(),
  rocAuc: z.number(),
  bestBaselineAuc: z.number(),
  prAuc: z.number(),
  brier: z.number(),
  baseRateBrier: z.number(),
  meanSavings: z.number(),
  bestRuleSavings: z.number(),
  captured: z.number(),
  loseOver5: z.number(),
  meanDaysWaited: z.number(),
});

export const modelMetaSchema = z.object({
  format: z.literal(1),
  /** shared/predict/regimes.ts; absent in models trained before regimes existed. */
  regime: z.string().optional(),
  /** The source whose validation window chose, calibrated and tuned this model. */
  calibratedOn: z.string().optional(),
  model: z.string(),
  features: z.array(z.string()),
  horizonDays: z.number().int().positive(),
  dropThreshold: z.number().positive(),
  /** Wait when p_drop ≥ this (tuned on validation for money, not for accuracy). */
  decisionThreshold: z.number(),
  featureMedians: z.array(z.number()),
  trainedOn: z.array(
    z.object({
      source: z.string(),
      products: z.number().int(),
      fitRows: z.number().int(),
      fitUntil: z.string(),
      validation: z.tuple([z.string(), z.string()]),
      validationAuc: z.number(),
    }),
  ),
  heldOut: z
    .object({
      method: z.string(),
      sources: z.record(z.string(), heldOutSourceSchema),
    })
    .optional(),
});

export type ModelMeta = z.infer<typeof modelMetaSchema>;
export type HeldOutRecord = z.infer<typeof heldOutSourceSchema>;
