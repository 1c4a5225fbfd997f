/** The Account panel's sign-up wizard, filled step by step as a reader would (the panel must show it). */
import type { Page } from '@playwright/test';

export interface WizardAnswers {
  name: string;
  email: string;
  password?: string;
  software: 'none' | 'beginner' | 'intermediate' | 'advanced';
  hardware: 'none' | 'hobbyist' | 'robotics' | 'industrial';
}

/** Account, software and hardware steps, then "Create account" on the review step. */
export async function signUpThroughWizard(page: Page, answers: WizardAnswers): Promise<void> {
  await page.getByTestId('signup-name').fill(answers.name);
  await page.getByTestId('signup-email').fill(answers.email);
  await page.getByTestId('signup-password').fill(answers.password ?? 'long enough secret');
  await page.getByTestId('signup-next').click();
  await page.getByTestId(`software-${answers.software}`).check();
  await page.getByTestId('signup-next').click();
  await page.getByTestId(`hardware-${answers.hardware}`).check();
  await page.getByTestId('signup-next').click();
  await page.getByTestId('signup-next').click();
}
