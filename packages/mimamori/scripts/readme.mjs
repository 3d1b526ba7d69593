// prepack: the package's README and LICENSE are the repository's (one front door); the copies are git-ignored. On
// npm the README's relative links (docs/…, the repository's own files) would point nowhere: they become links to the
// repository, from package.json's repository field.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const repository = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
writeFileSync(new URL('../README.md', import.meta.url), readme.replace(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g, `](${repository}/blob/main/$1)`));
copyFileSync(new URL('../../../LICENSE', import.meta.url), new URL('../LICENSE', import.meta.url));
