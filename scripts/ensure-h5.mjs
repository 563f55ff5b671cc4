// Before `npm start`: build the H5 app when there is no build yet, so start works on a fresh clone.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync(new URL('../dist/h5/index.html', import.meta.url))) {
  console.log('no H5 build yet: building it once (npm run build:h5)…');
  execSync('npm run build:h5', { stdio: 'inherit' });
}
