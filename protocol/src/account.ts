import { z } from 'zod';
import { backgroundDetail, hardwareBackground, softwareBackground } from './background.js';

/** Bodies of better-auth's email routes as the desktop sends them; the service checks them before better-auth does. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const email = z.email('must be a valid email address').max(254);
const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** Sign-up: unknown keys pass through to better-auth (e.g. callbackURL). */
export const signUpRequest = z.looseObject({
  email,
  password: z
    .string()
    .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
  name,
  softwareBackground,
  hardwareBackground,
  softwareDetail: backgroundDetail.optional(),
  hardwareDetail: backgroundDetail.optional(),
});
export type SignUpRequest = z.input<typeof signUpRequest>;

/** Profile update: every field optional, same rules. */
export const updateUserRequest = z.looseObject({
  name: name.optional(),
  softwareBackground: softwareBackground.optional(),
  hardwareBackground: hardwareBackground.optional(),
  softwareDetail: backgroundDetail.optional(),
  hardwareDetail: backgroundDetail.optional(),
});
export type UpdateUserRequest = z.input<typeof updateUserRequest>;

export const signInRequest = z.looseObject({
  email,
  password: z.string().min(1, 'is required').max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
});
export type SignInRequest = z.input<typeof signInRequest>;
