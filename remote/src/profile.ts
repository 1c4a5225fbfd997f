import { z } from 'zod';

/** The reader's background: the only personal data generation depends on. */
export const SOFTWARE_BACKGROUNDS = ['none', 'beginner', 'intermediate', 'advanced'] as const;
export const HARDWARE_BACKGROUNDS = ['none', 'hobbyist', 'robotics', 'industrial'] as const;
export const DETAIL_MAX = 200;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const softwareBackground = z.enum(SOFTWARE_BACKGROUNDS, {
  error: `must be one of ${SOFTWARE_BACKGROUNDS.join(', ')}`,
});
export const hardwareBackground = z.enum(HARDWARE_BACKGROUNDS, {
  error: `must be one of ${HARDWARE_BACKGROUNDS.join(', ')}`,
});
export const detail = z.string().trim().max(DETAIL_MAX, `must be at most ${DETAIL_MAX} characters`);

export type SoftwareBackground = z.infer<typeof softwareBackground>;
export type HardwareBackground = z.infer<typeof hardwareBackground>;
export type Background = { software: SoftwareBackground; hardware: HardwareBackground };

/** Sign-up body as the desktop sends it; unknown keys pass through to better-auth (e.g. callbackURL). */
export const signUpBody = z.looseObject({
  email: z.email('must be a valid email address').max(254),
  password: z
    .string()
    .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  softwareBackground,
  hardwareBackground,
  softwareDetail: detail.optional(),
  hardwareDetail: detail.optional(),
});

/** Profile update: every field optional, same rules. */
export const updateUserBody = z.looseObject({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters').optional(),
  softwareBackground: softwareBackground.optional(),
  hardwareBackground: hardwareBackground.optional(),
  softwareDetail: detail.optional(),
  hardwareDetail: detail.optional(),
});

export const signInBody = z.looseObject({
  email: z.email('must be a valid email address').max(254),
  password: z.string().min(1, 'is required').max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
});

/** zod issues -> { field: message } for a 400 body the desktop can show next to each input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}
