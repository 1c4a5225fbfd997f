/** The background levels in words a student recognises themselves in (values are the service's). */
import type { HardwareBackground, SoftwareBackground } from '../../../electron/core/contract.js';

export const SOFTWARE_OPTIONS: { value: SoftwareBackground; label: string; hint: string }[] = [
  { value: 'none', label: 'None yet', hint: 'I have not programmed before.' },
  { value: 'beginner', label: 'Beginner', hint: 'Variables, loops and functions; a course or two.' },
  { value: 'intermediate', label: 'Intermediate', hint: 'I write programs with libraries, classes and tests.' },
  { value: 'advanced', label: 'Advanced', hint: 'I build larger systems: concurrency, ML, robotics code.' },
];

export const HARDWARE_OPTIONS: { value: HardwareBackground; label: string; hint: string }[] = [
  { value: 'none', label: 'None yet', hint: 'I have not worked with electronics or robots.' },
  { value: 'hobbyist', label: 'Hobbyist', hint: 'Arduino, Raspberry Pi, hobby servos and sensors.' },
  { value: 'robotics', label: 'Robotics', hint: 'Robot kits or research robots, ROS, real sensors.' },
  { value: 'industrial', label: 'Industrial', hint: 'Industrial arms, PLCs, production automation.' },
];

export const softwareLabel = (v: SoftwareBackground) => SOFTWARE_OPTIONS.find((o) => o.value === v)?.label ?? v;
export const hardwareLabel = (v: HardwareBackground) => HARDWARE_OPTIONS.find((o) => o.value === v)?.label ?? v;
