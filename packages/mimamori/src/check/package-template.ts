// template.yaml, the SAM stack `mimamori deploy` deploys: it ships at the package's root (never in the user's repo), and
// `mimamori build` copies it beside the bundles. Its parameters are what the config's deploy.parameters may set.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './import-ts.ts';
import { templateParameterNames } from './deploy-config.ts';

export const PACKAGE_TEMPLATE = join(PACKAGE_ROOT, 'template.yaml');

let names: string[] | undefined;

/** The parameters the package's template declares (read once), or undefined in a package without one. */
export function packageTemplateParameters(): string[] | undefined {
  if (!names && existsSync(PACKAGE_TEMPLATE)) names = templateParameterNames(readFileSync(PACKAGE_TEMPLATE, 'utf8'));
  return names;
}
