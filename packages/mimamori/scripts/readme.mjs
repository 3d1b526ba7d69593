// prepack: the package's README is the repository's (one front door); the copy is git-ignored.
import { copyFileSync } from 'node:fs';
copyFileSync(new URL('../../../README.md', import.meta.url), new URL('../README.md', import.meta.url));
