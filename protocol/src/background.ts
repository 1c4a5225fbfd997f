import { z } from 'zod';

/** The reader's background: asked at sign-up, carried in every JWT, and the only personal data generation uses. */
export const SOFTWARE_BACKGROUNDS = ['none', 'beginner', 'intermediate', 'advanced'] as const;
export const HARDWARE_BACKGROUNDS = ['none', 'hobbyist', 'robotics', 'industrial'] as const;
export const DETAIL_MAX = 200;

export const softwareBackground = z.enum(SOFTWARE_BACKGROUNDS, {
  error: `must be one of ${SOFTWARE_BACKGROUNDS.join(', ')}`,
});
export const hardwareBackground = z.enum(HARDWARE_BACKGROUNDS, {
  error: `must be one of ${HARDWARE_BACKGROUNDS.join(', ')}`,
});
/** Free text beside each level ("Python, ROS"), shown back to the reader and never sent to the generator. */
export const backgroundDetail = z.string().trim().max(DETAIL_MAX, `must be at most ${DETAIL_MAX} characters`);

export type SoftwareBackground = z.infer<typeof softwareBackground>;
export type HardwareBackground = z.infer<typeof hardwareBackground>;

/** The background fields of a sign-up or profile body, as better-auth stores them on the user. */
export const backgroundFields = z.object({
  softwareBackground,
  hardwareBackground,
  softwareDetail: backgroundDetail.optional(),
  hardwareDetail: backgroundDetail.optional(),
});
export type BackgroundFields = z.infer<typeof backgroundFields>;

/** The two levels as the service reports them in a stream's `meta` event. */
export const generationBackground = z.object({ software: softwareBackground, hardware: hardwareBackground });
export type GenerationBackground = z.infer<typeof generationBackground>;
